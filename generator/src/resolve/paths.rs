//! Path templates (`/things/{thingId}`): parsed into literal text and placeholders, each
//! placeholder checked against the operation's path parameters, so that a call never sends a
//! `{thingId}` of the template as it is; and the segments paths share.

use super::Resolver;
use crate::error::Error;
use crate::ir::{Parameter, ParameterLocation, PathSegment};

impl Resolver<'_> {
    /// The segments of `path`, the template of the operation at `pointer`, whose parameters
    /// (each with its pointer) are `parameters`: every placeholder must name a path parameter,
    /// and every path parameter must have a placeholder.
    pub(super) fn path_segments(
        &self,
        path: &str,
        parameters: &[(Parameter, String)],
        pointer: &str,
    ) -> Result<Vec<PathSegment>, Error> {
        let segments = parse(path).map_err(|problem| {
            self.error(pointer, format!("the path template `{path}` {problem}"))
        })?;
        let path_parameters = || {
            parameters
                .iter()
                .filter(|(parameter, _)| parameter.location == ParameterLocation::Path)
        };
        for segment in &segments {
            if let PathSegment::Parameter(name) = segment {
                if !path_parameters().any(|(parameter, _)| parameter.wire_name == *name) {
                    return Err(self.error(
                        pointer,
                        format!("the path template `{path}` has the placeholder `{{{name}}}`, but the operation declares no path parameter `{name}`; declare it (`in: path`) or remove the placeholder"),
                    ));
                }
            }
        }
        for (parameter, parameter_pointer) in path_parameters() {
            let in_template = segments
                .iter()
                .any(|segment| *segment == PathSegment::Parameter(parameter.wire_name.clone()));
            if !in_template {
                return Err(self.error(
                    parameter_pointer,
                    format!(
                        "the path parameter `{}` has no placeholder in the path template `{path}`",
                        parameter.wire_name
                    ),
                ));
            }
        }
        Ok(segments)
    }
}

/// Literal text and `{name}` placeholders, or what is wrong with the template.
fn parse(path: &str) -> Result<Vec<PathSegment>, String> {
    let mut segments = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        match rest.find(['{', '}']) {
            None => {
                segments.push(PathSegment::Literal(rest.to_owned()));
                break;
            }
            Some(position) if rest[position..].starts_with('}') => {
                return Err("has a `}` that closes no placeholder".to_owned());
            }
            Some(start) => {
                if start > 0 {
                    segments.push(PathSegment::Literal(rest[..start].to_owned()));
                }
                let after = &rest[start + 1..];
                let end = after
                    .find(['{', '}'])
                    .filter(|&end| after[end..].starts_with('}'))
                    .ok_or_else(|| "has a `{` that no `}` closes".to_owned())?;
                let name = &after[..end];
                if name.is_empty() {
                    return Err("has an empty placeholder `{}`".to_owned());
                }
                segments.push(PathSegment::Parameter(name.to_owned()));
                rest = &after[end + 1..];
            }
        }
    }
    Ok(segments)
}

/// How many leading segments every one of `paths` (each given as its segments) shares.
pub(super) fn shared_leading_segments<'a>(paths: impl Iterator<Item = Vec<&'a str>>) -> usize {
    let mut shared: Option<Vec<&str>> = None;
    for segments in paths {
        shared = Some(match shared {
            None => segments,
            Some(shared) => shared
                .into_iter()
                .zip(segments)
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect(),
        });
    }
    shared.map_or(0, |shared| shared.len())
}
