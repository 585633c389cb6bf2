//! The version of the generated crate, and how a change report moves it.

use std::fmt;

use crate::diff::Semver;

/// A `major.minor.patch` version, as the generated `Cargo.toml` has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    /// The first number.
    pub major: u64,
    /// The second number.
    pub minor: u64,
    /// The third number.
    pub patch: u64,
}

impl Version {
    /// The version of a crate generated for the first time: `0.1.0`.
    pub const INITIAL: Version = Version {
        major: 0,
        minor: 1,
        patch: 0,
    };

    /// Reads `1.2.3`; anything else (pre-release tags included) is `None`.
    pub fn parse(text: &str) -> Option<Version> {
        let mut numbers = text
            .trim()
            .split('.')
            .map(|number| number.parse::<u64>().ok());
        let version = Version {
            major: numbers.next()??,
            minor: numbers.next()??,
            patch: numbers.next()??,
        };
        numbers.next().is_none().then_some(version)
    }

    /// The `version` of the `[package]` table of a `Cargo.toml`.
    pub fn from_manifest(manifest: &str) -> Option<Version> {
        let mut in_package = false;
        for line in manifest.lines().map(str::trim) {
            if line.starts_with('[') {
                in_package = line == "[package]";
            } else if let Some(value) = line.strip_prefix("version").filter(|_| in_package) {
                let value = value.trim_start().strip_prefix('=')?.trim();
                return Version::parse(value.strip_prefix('"')?.strip_suffix('"')?);
            }
        }
        None
    }

    /// The next version for changes with this verdict, by Cargo's rules: below 1.0 the
    /// leftmost non-zero number is the major one, so `0.y.z` becomes `0.(y+1).0` for a
    /// breaking change and `0.y.(z+1)` for any other (`^0.y` picks up the latter only).
    pub fn bump(self, verdict: Semver) -> Version {
        let Version {
            major,
            minor,
            patch,
        } = self;
        match (major, verdict) {
            (0, Semver::Major) => Version::new(0, minor + 1, 0),
            (0, _) => Version::new(0, minor, patch + 1),
            (_, Semver::Major) => Version::new(major + 1, 0, 0),
            (_, Semver::Minor) => Version::new(major, minor + 1, 0),
            (_, Semver::Patch) => Version::new(major, minor, patch + 1),
        }
    }

    const fn new(major: u64, minor: u64, patch: u64) -> Version {
        Version {
            major,
            minor,
            patch,
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn below_one_a_breaking_change_bumps_the_minor_number_and_anything_else_the_patch() {
        assert_eq!(version("0.1.0").bump(Semver::Major), version("0.2.0"));
        assert_eq!(version("0.2.3").bump(Semver::Major), version("0.3.0"));
        assert_eq!(version("0.2.3").bump(Semver::Minor), version("0.2.4"));
        assert_eq!(version("0.2.3").bump(Semver::Patch), version("0.2.4"));
    }

    #[test]
    fn from_one_on_each_verdict_bumps_its_own_number() {
        assert_eq!(version("1.2.3").bump(Semver::Major), version("2.0.0"));
        assert_eq!(version("1.2.3").bump(Semver::Minor), version("1.3.0"));
        assert_eq!(version("1.2.3").bump(Semver::Patch), version("1.2.4"));
    }

    #[test]
    fn reads_the_package_version_of_a_manifest_only() {
        let manifest = "# generated\n\n[package]\nname = \"x\"\nversion = \"0.4.2\"\n\n[dependencies]\nversion = \"9.9.9\"\n";
        assert_eq!(Version::from_manifest(manifest), Some(version("0.4.2")));
        assert_eq!(
            Version::from_manifest("[dependencies]\nversion = \"1.0.0\"\n"),
            None
        );
        assert_eq!(Version::parse("1.0.0-beta.1"), None);
        assert_eq!(Version::parse("1.0"), None);
        assert_eq!(version("10.20.30").to_string(), "10.20.30");
    }
}
