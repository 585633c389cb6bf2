//! The settings of the Mews Connector API: what its guidelines say of every operation and its
//! description does not, so that the crate is the same whichever of Mews's descriptions it is
//! generated from (the one Mews publishes, or the one rebuilt from its reference pages).

use crate::resolve::ClientSetting;
use crate::Generator;

impl Generator {
    /// A generator of `mews-connector`, the client of the Mews Connector API:
    ///
    /// - `LanguageCode` and `CultureCode` are client settings with a per-request override, as
    ///   the guidelines define them for every request (the description declares them nowhere);
    /// - a page holds at most 1,000 items (the guidelines' `Limitation`; the description gives
    ///   `Count` no bounds), which walks ask for;
    /// - the operations whose action starts with `get` or is `search` only read, so that they
    ///   are retried after timeouts and server errors (every Mews operation is a `POST`);
    /// - the production and demo environments are the client's `PRODUCTION` and `DEMO` servers
    ///   (the published description lists production alone, without a description);
    /// - the crate has this workspace's licence, `MIT OR Apache-2.0`.
    pub fn mews_connector() -> Generator {
        Generator::new()
            .crate_name("mews-connector")
            .license("MIT OR Apache-2.0")
            .client_setting(ClientSetting::new(
                "LanguageCode",
                "Code of the language of the operation, which affects e.g. names of entities, \
                 descriptions or error messages. Must be sent together with `CultureCode`, \
                 otherwise the defaults of the enterprise are used.",
            ))
            .client_setting(ClientSetting::new(
                "CultureCode",
                "Code of the culture of the operation. Must be sent together with \
                 `LanguageCode`, otherwise the defaults of the enterprise are used.",
            ))
            .max_page_size(1000)
            .read_only_actions(["get", "search"])
            .known_server("https://api.mews.com", "Production environment")
            .known_server(
                "https://api.mews-demo.com",
                "Demo environment (tokens differ from production)",
            )
    }
}
