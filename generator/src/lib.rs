//! Generates a typed Rust client crate from an OpenAPI 3 description of the Mews Connector API
//! (or any spec in the same style).
//!
//! The pipeline runs in one direction, one module per stage:
//! [`load`] (YAML or JSON into `openapiv3`) -> [`resolve`] (into the small model of [`ir`]) ->
//! [`emit`] (tokens, formatted with `prettyplease`) -> [`output`] (written, or checked).
//!
//! ```no_run
//! let files = codegen::Generator::new()
//!     .crate_name("mews-connector")
//!     .generate(std::path::Path::new("spec/connector.yaml"))?;
//! codegen::output::write(std::path::Path::new("generated"), &files)?;
//! # Ok::<(), codegen::Error>(())
//! ```
//!
//! A crate keeps the model it was generated from (`api.json`). Regenerating over it compares
//! the two models ([`diff`]), bumps the crate's version by the verdict and prepends the report
//! to its `CHANGELOG.md`:
//!
//! ```no_run
//! let out = std::path::Path::new("generated");
//! let regeneration = codegen::Generator::new()
//!     .crate_name("mews-connector")
//!     .regenerate(std::path::Path::new("spec/connector.yaml"), &codegen::output::previous(out))?;
//! if let Some(report) = &regeneration.report {
//!     print!("{}", report.short());
//! }
//! codegen::output::write(out, &regeneration.files)?;
//! # Ok::<(), codegen::Error>(())
//! ```

mod changelog;
mod description;
pub mod diff;
mod emit;
mod error;
pub mod ir;
pub mod load;
mod mews;
mod names;
pub mod output;
mod release;
pub mod resolve;
mod rust_shape;
mod version;
mod yaml;

use std::path::Path;

pub use emit::GeneratedFile;
pub use error::{Error, ErrorKind};
pub use release::{Previous, Regeneration};
pub use version::Version;

use release::Release;

/// Configuration of one generation run; every setting has a sensible default.
#[derive(Debug, Clone)]
pub struct Generator {
    crate_name: String,
    settings: resolve::Settings,
    env_prefix: Option<String>,
    regenerate_command: String,
    license: Option<String>,
    repository: Option<String>,
}

impl Default for Generator {
    fn default() -> Self {
        Generator {
            crate_name: "api-client".to_owned(),
            settings: resolve::Settings::default(),
            regenerate_command: "cargo xtask codegen".to_owned(),
            env_prefix: None,
            license: None,
            repository: None,
        }
    }
}

impl Generator {
    /// A generator with the default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// The package name written to the generated `Cargo.toml`.
    pub fn crate_name(mut self, name: impl Into<String>) -> Self {
        self.crate_name = name.into();
        self
    }

    /// The name of the only property of an update-value wrapper schema (`Value` for Mews's
    /// `StringUpdateValue` and its siblings).
    pub fn update_wrapper_property(mut self, name: impl Into<String>) -> Self {
        self.settings.update_value_property = name.into();
        self
    }

    /// The command that regenerates this crate, which the preamble of every generated file
    /// names (`cargo xtask codegen` by default).
    pub fn regenerate_command(mut self, command: impl Into<String>) -> Self {
        self.regenerate_command = command.into();
        self
    }

    /// The property names of cursor pagination (`Limitation`, `Count`, `Cursor` for Mews):
    /// an operation whose request has the limitation object and whose result has the cursor
    /// and one array of items gets methods that walk every page.
    pub fn pagination_names(mut self, names: resolve::PaginationNames) -> Self {
        self.settings.pagination = names;
        self
    }

    /// An optional body property that every request may carry and the client can set a
    /// default for (Mews's `LanguageCode`): every request type holds it, whether or not the
    /// spec declares it.
    pub fn client_setting(mut self, setting: resolve::ClientSetting) -> Self {
        self.settings.client_settings.push(setting);
        self
    }

    /// A server the API documents outside its spec: it describes the spec's server of the same
    /// URL where that has no description, and is added after the spec's servers otherwise, so
    /// that the client's server constants are the same whichever spec is the input.
    pub fn known_server(mut self, url: impl Into<String>, description: impl Into<String>) -> Self {
        self.settings
            .known_servers
            .push((url.into(), description.into()));
        self
    }

    /// The largest page a paginated operation may ask for, where the spec gives its page size
    /// no maximum: walks ask for it, and a larger page size is refused before sending.
    pub fn max_page_size(mut self, size: i64) -> Self {
        self.settings.pagination.max_page_size = Some(size);
        self
    }

    /// What the actions (the last segments of paths) of the operations that only read start
    /// with: they are idempotent, so the client retries them after timeouts and server errors
    /// whatever their HTTP method. `x-idempotent` in the spec decides first.
    pub fn read_only_actions(
        mut self,
        starts: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        self.settings
            .read_only_actions
            .extend(starts.into_iter().map(Into::into));
        self
    }

    /// The prefix of the environment variables the generated examples read (`MEWS` gives
    /// `MEWS_BASE_URL`, `MEWS_ACCESS_TOKEN`, ...). Defaults to the first word of the crate name.
    pub fn env_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.env_prefix = Some(prefix.into());
        self
    }

    /// The licence of the generated crate, an SPDX expression (`MIT OR Apache-2.0`), written to
    /// its `Cargo.toml`; without one the manifest names none.
    pub fn license(mut self, license: impl Into<String>) -> Self {
        self.license = Some(license.into());
        self
    }

    /// The address of the generated crate's source repository, written to its `Cargo.toml`;
    /// without one the manifest names none.
    pub fn repository(mut self, repository: impl Into<String>) -> Self {
        self.repository = Some(repository.into());
        self
    }

    /// Reads the spec at `spec` and produces every file of a crate generated for the first
    /// time, in memory. Nothing is written, so a failure leaves every folder as it was.
    pub fn generate(&self, spec: &Path) -> Result<Vec<GeneratedFile>, Error> {
        Ok(self.regenerate(spec, &Previous::none())?.files)
    }

    /// Like [`Generator::generate`], for a document already loaded; `spec` names it in
    /// errors and in the preamble of the generated files.
    pub fn generate_from(
        &self,
        spec: &Path,
        document: &openapiv3::OpenAPI,
    ) -> Result<Vec<GeneratedFile>, Error> {
        Ok(self.generate_over(spec, document, &Previous::none())?.files)
    }

    /// Produces every file of the crate again over an earlier generation of it: the report of
    /// what changed against `previous`, the version bumped by its verdict and the report
    /// prepended to the changelog. Nothing is written.
    pub fn regenerate(&self, spec: &Path, previous: &Previous) -> Result<Regeneration, Error> {
        let document = load::load(spec)?;
        self.regenerate_from(spec, &document, previous)
    }

    /// Like [`Generator::regenerate`], for a document already loaded (from a download, say);
    /// `spec` names the file the crate is generated from, in its preamble and in errors.
    pub fn regenerate_from(
        &self,
        spec: &Path,
        document: &openapiv3::OpenAPI,
        previous: &Previous,
    ) -> Result<Regeneration, Error> {
        self.generate_over(spec, document, previous)
    }

    /// The model of the spec at `spec`, as these settings resolve it: what [`diff::diff`]
    /// compares.
    pub fn api(&self, spec: &Path) -> Result<ir::Api, Error> {
        let document = load::load(spec)?;
        self.api_from(spec, &document)
    }

    /// Like [`Generator::api`], for a document already loaded.
    pub fn api_from(&self, spec: &Path, document: &openapiv3::OpenAPI) -> Result<ir::Api, Error> {
        resolve::resolve_with(document, spec, &self.settings)
    }

    fn generate_over(
        &self,
        spec: &Path,
        document: &openapiv3::OpenAPI,
        previous: &Previous,
    ) -> Result<Regeneration, Error> {
        let api = self.api_from(spec, document)?;
        let release = Release::after(previous, &api);
        let spec_name = spec.file_name().map_or_else(
            || spec.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        );
        let env_prefix = self.env_prefix.clone().unwrap_or_else(|| {
            let first_word = self.crate_name.split(['-', '_']).next().unwrap_or_default();
            first_word.to_ascii_uppercase()
        });
        let files = emit::emit(
            &api,
            &emit::EmitOptions {
                crate_name: &self.crate_name,
                crate_path: &self.crate_name.replace('-', "_"),
                spec,
                spec_name: &spec_name,
                env_prefix: &env_prefix,
                example_program: &names::module_name(&env_prefix),
                license: self.license.as_deref(),
                repository: self.repository.as_deref(),
                regenerate_command: &self.regenerate_command,
                version: release.version,
                changelog: release.changelog.as_deref(),
            },
        )?;
        Ok(Regeneration {
            files,
            version: release.version,
            report: release.report,
        })
    }
}
