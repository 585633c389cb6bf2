//! Splits an API into cargo features, one per group of operations: the operation's first tag,
//! or without tags its resource (the first path segment after the prefix all paths share).
//!
//! A feature holds its operations and the types that only they use; a type that the operations
//! of several features use, or the client itself (error bodies, common fields), is always
//! compiled. The types no operation uses (GitHub's webhook payloads, say) get a feature of
//! their own. An API with one group of operations is not split, nor an untagged one with fewer
//! than two operations per resource on average.

use std::collections::{BTreeMap, HashMap};

use openapiv3::OpenAPI;

use crate::ir::{Api, Feature, Operation, TypeRef};
use crate::names::{self, Scope};

use super::paths::shared_leading_segments;
use super::text;

/// Features the generated `Cargo.toml` defines itself.
const RESERVED_FEATURES: &[&str] = &["default", "mock"];

/// What the types no operation uses are called, as a feature.
const UNUSED_TYPES: &str = "other-types";

/// Assigns every operation and type of `api` to a feature and returns the features, or none
/// when the operations form one group.
pub(super) fn split(doc: &OpenAPI, api: &mut Api) -> Vec<Feature> {
    let groups = operation_groups(doc, &api.operations);
    let mut labels: Vec<&Group> = Vec::new();
    for group in &groups {
        if !labels.iter().any(|label| label.key == group.key) {
            labels.push(group);
        }
    }
    // Resources read from paths are no grouping when there are about as many as operations:
    // paths that all share one resource (`/things/add`, `/things/paint`) end in its actions.
    let tagged = groups.iter().any(|group| group.tagged);
    if labels.len() < 2 || (!tagged && labels.len() * 2 > groups.len()) {
        return Vec::new();
    }
    let mut feature_scope = Scope::with_taken(RESERVED_FEATURES.iter().copied());
    let mut module_scope = Scope::default();
    let mut features: Vec<Feature> = labels
        .iter()
        .map(|group| Feature {
            name: feature_scope.claim(names::feature_name(&group.key)),
            module: module_scope.claim(names::module_name(&group.key)),
            docs: group.docs.clone(),
        })
        .collect();
    let feature_of_key: HashMap<&str, usize> = labels
        .iter()
        .enumerate()
        .map(|(index, group)| (group.key.as_str(), index))
        .collect();
    let operation_features: Vec<usize> = groups
        .iter()
        .map(|group| feature_of_key[group.key.as_str()])
        .collect();

    let reach = Reach::new(api);
    let mut users = vec![Users::None; api.types.len()];
    for root in always_used(api) {
        reach.visit(root, Users::Many, &mut users);
    }
    for (operation, &feature) in api.operations.iter().zip(&operation_features) {
        for root in operation.types() {
            reach.visit(root, Users::One(feature), &mut users);
        }
    }
    let unused: Vec<usize> = (0..users.len())
        .filter(|&index| users[index] == Users::None)
        .collect();
    if !unused.is_empty() {
        let feature = features.len();
        features.push(Feature {
            name: feature_scope.claim(UNUSED_TYPES.to_owned()),
            module: module_scope.claim(names::module_name(UNUSED_TYPES)),
            docs: "The types of the spec that no operation uses.".to_owned(),
        });
        for index in unused {
            reach.visit_index(index, Users::One(feature), &mut users);
        }
    }

    for (operation, feature) in api.operations.iter_mut().zip(operation_features) {
        operation.feature = Some(features[feature].name.clone());
    }
    for (def, users) in api.types.iter_mut().zip(users) {
        def.feature = match users {
            Users::One(feature) => Some(features[feature].name.clone()),
            Users::None | Users::Many => None,
        };
    }
    // Renumbering is done: name order reads best in `Cargo.toml` and the crate's docs.
    features.sort_by(|a, b| a.name.cmp(&b.name));
    features
}

/// The group of one operation: what identifies it, and what the feature's docs say.
struct Group {
    key: String,
    docs: String,
    /// Whether the key is a tag rather than a resource read from the path.
    tagged: bool,
}

/// The group of every operation, in the order of `operations`.
fn operation_groups(doc: &OpenAPI, operations: &[Operation]) -> Vec<Group> {
    let tag_docs: BTreeMap<&str, String> = doc
        .tags
        .iter()
        .filter_map(|tag| Some((tag.name.as_str(), first_line(&text(&tag.description)?)?)))
        .collect();
    let prefix = common_prefix(operations.iter().map(|operation| operation.path.as_str()));
    operations
        .iter()
        .map(|operation| match operation.tags.first() {
            Some(tag) => {
                let mut docs = format!("The operations tagged `{tag}`.");
                if let Some(description) = tag_docs.get(tag.as_str()) {
                    docs = format!("{docs} {description}");
                }
                Group {
                    key: tag.clone(),
                    docs,
                    tagged: true,
                }
            }
            None => {
                let resource = resource(&operation.path, prefix);
                Group {
                    docs: format!(
                        "The operations under `/{}`.",
                        segments(&operation.path)
                            .take(prefix + 1)
                            .collect::<Vec<_>>()
                            .join("/")
                    ),
                    key: resource.to_owned(),
                    tagged: false,
                }
            }
        })
        .collect()
}

/// The first line of a tag's description: a list of features has room for no more.
fn first_line(text: &str) -> Option<String> {
    let line = text.lines().map(str::trim).find(|line| !line.is_empty())?;
    Some(line.to_owned())
}

/// The literal segments of a path (`/pets/{id}/toys` has `pets` and `toys`).
fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/')
        .filter(|segment| !segment.is_empty() && !segment.starts_with('{'))
}

/// How many leading literal segments every path shares.
fn common_prefix<'a>(paths: impl Iterator<Item = &'a str>) -> usize {
    shared_leading_segments(paths.map(|path| segments(path).collect()))
}

/// The segment after the shared prefix, or the last one of a path that has no more.
fn resource(path: &str, prefix: usize) -> &str {
    let segments: Vec<&str> = segments(path).collect();
    segments
        .get(prefix)
        .or(segments.last())
        .copied()
        .unwrap_or("root")
}

/// Which features use a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Users {
    None,
    One(usize),
    /// Several features, or the client itself: the type is always compiled.
    Many,
}

/// The named types every type refers to, by index.
struct Reach {
    index: HashMap<String, usize>,
    members: Vec<Vec<usize>>,
}

impl Reach {
    fn new(api: &Api) -> Self {
        let index: HashMap<String, usize> = api
            .types
            .iter()
            .enumerate()
            .map(|(index, def)| (def.name.clone(), index))
            .collect();
        let members = api
            .types
            .iter()
            .map(|def| {
                def.member_types()
                    .into_iter()
                    .filter_map(|ty| index.get(ty.named()?).copied())
                    .collect()
            })
            .collect();
        Reach { index, members }
    }

    fn visit(&self, root: &TypeRef, user: Users, users: &mut [Users]) {
        if let Some(&index) = root.named().and_then(|name| self.index.get(name)) {
            self.visit_index(index, user, users);
        }
    }

    /// Marks `root` and everything it refers to as used by `user`. A type already used by the
    /// same feature, or by several, has had everything it refers to marked so.
    fn visit_index(&self, root: usize, user: Users, users: &mut [Users]) {
        let mut stack = vec![root];
        while let Some(index) = stack.pop() {
            let next = match (users[index], user) {
                (Users::Many, _) => continue,
                (Users::One(seen), Users::One(feature)) if seen == feature => continue,
                (Users::None, user) => user,
                _ => Users::Many,
            };
            users[index] = next;
            stack.extend(&self.members[index]);
        }
    }
}

/// The types the client uses whatever the operations: error bodies and common fields.
fn always_used(api: &Api) -> impl Iterator<Item = &TypeRef> {
    api.errors
        .statuses
        .iter()
        .map(|status| &status.body)
        .chain([&api.errors.fallback_body])
        .chain(api.common_fields.iter().map(|field| &field.ty))
}
