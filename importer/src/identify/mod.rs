//! Which schema id stands behind each section and each link of the pages.
//!
//! The pages print no schema ids; `types.yaml` maps each id to the file and anchor of the
//! section that shows it. A section's heading and a link's target are such a file and anchor,
//! so each leads to the ids that share it; when several do, rules choose (`sections`, `links`).
//! The root of each request and response is never titled: `roots` assigns it from the ids of
//! the page that no section claims.

pub mod links;
pub mod roots;
pub mod sections;

/// Lower case, letters and digits only: a title as its id would spell it
/// (`Account address` -> `accountaddress`).
pub fn squash(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The length of the common prefix of two ids.
pub fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

/// Chooses among ids that share an anchor by what the ids' names say, in order: the kind of
/// the schema (`...coproduct...` for a coproduct, `...enum` for an enumeration), the id that
/// spells the title (or the title and `enum`), the id that shares the longest start with the
/// id of the schema that links to it. `None` when these leave more than one.
pub fn choose<'a>(
    candidates: &[&'a str],
    title: &str,
    kind: Option<Kind>,
    parent: Option<&str>,
) -> Option<&'a str> {
    let mut remaining: Vec<&'a str> = candidates
        .iter()
        .copied()
        .filter(|id| Some(*id) != parent)
        .collect();
    if let Some(kind) = kind {
        narrow(&mut remaining, |id| kind.matches(id));
    }
    let spelled = squash(title);
    narrow(&mut remaining, |id| {
        id == spelled || id == format!("{spelled}enum")
    });
    if let Some(parent) = parent {
        let longest = remaining
            .iter()
            .map(|id| common_prefix(id, parent))
            .max()
            .unwrap_or(0);
        if longest > 0 {
            narrow(&mut remaining, |id| common_prefix(id, parent) == longest);
        }
    }
    match remaining.as_slice() {
        [only] => Some(only),
        _ => None,
    }
}

/// Keeps the ids that pass, unless none does.
fn narrow(ids: &mut Vec<&str>, keep: impl Fn(&str) -> bool) {
    if ids.iter().any(|id| keep(id)) {
        ids.retain(|id| keep(id));
    }
}

/// What a section shows, as far as the choice of its id goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A `Discriminator` + `Value` coproduct.
    Coproduct,
    /// An enumeration.
    Enumeration,
    /// Any other object.
    Object,
}

impl Kind {
    pub(crate) fn matches(self, id: &str) -> bool {
        let coproduct = id.contains("coproduct");
        let enumeration = id.ends_with("enum");
        match self {
            Kind::Coproduct => coproduct,
            Kind::Enumeration => enumeration && !coproduct,
            Kind::Object => !enumeration && !coproduct,
        }
    }

    /// The kind a section shows.
    pub fn of(section: &crate::page::Section) -> Self {
        if section.is_coproduct() {
            Kind::Coproduct
        } else if section.enumeration.is_some() {
            Kind::Enumeration
        } else {
            Kind::Object
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_choose_by_kind_spelling_and_parent() {
        assert_eq!(
            choose(
                &["billstate", "billstateenum"],
                "Bill state",
                Some(Kind::Enumeration),
                None
            ),
            Some("billstateenum")
        );
        assert_eq!(
            choose(
                &["customerclassificationsenum", "customerclassificationenum"],
                "Customer classification",
                Some(Kind::Enumeration),
                None
            ),
            Some("customerclassificationenum")
        );
        assert_eq!(
            choose(
                &["address", "accountaddress"],
                "Account address",
                Some(Kind::Object),
                None
            ),
            Some("accountaddress")
        );
        assert_eq!(
            choose(
                &[
                    "billfiscalmachinedatadiscriminatorenum",
                    "fiscalmachinedatadiscriminatorenum"
                ],
                "Machine data discriminator",
                Some(Kind::Enumeration),
                Some("billfiscalmachinedata")
            ),
            Some("billfiscalmachinedatadiscriminatorenum")
        );
        assert_eq!(
            choose(
                &["enterprisebase", "enterpriseportfolio"],
                "Enterprise",
                Some(Kind::Object),
                None
            ),
            None
        );
    }
}
