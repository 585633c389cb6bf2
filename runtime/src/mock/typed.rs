//! Stands in for a generated `mock/typed.rs`: the operations' request and result types, the
//! methods of `MockServer` and `MockServerBuilder` that depend on them, and `returns_pages`.

use crate::models::*;

impl super::Operation for super::operations::ThingsGetAll {
    type Request = ThingFilter;
    type Result = ThingResult;
    const NAME: &'static str = "things_get_all";
}

impl super::Operation for super::operations::ThingsUpdate {
    type Request = ThingUpdate;
    type Result = ();
    const NAME: &'static str = "things_update";
}

impl super::MockServer {
    /// Expects requests of `POST /things/getAll`.
    #[track_caller]
    #[must_use = "an expectation answers nothing until told what"]
    pub fn things_get_all(&self) -> super::Expectation<super::operations::ThingsGetAll> {
        self.expectation(super::server::json_request, super::server::json_result)
    }

    /// Expects requests of `POST /things/update`.
    #[track_caller]
    #[must_use = "an expectation answers nothing until told what"]
    pub fn things_update(&self) -> super::Expectation<super::operations::ThingsUpdate> {
        self.expectation(super::server::json_request, super::server::no_result)
    }

    /// A builder of a client of the mock.
    pub fn client_builder(&self) -> crate::client::ClientBuilder {
        let mut builder = crate::client::Client::builder(
            self.url(),
            self.expected_value::<String>("AccessToken")
                .expect("the mock expects an access token"),
            self.expected_value::<String>("Client")
                .expect("the mock expects a client"),
        );
        if let Some(value) = self.expected_value::<String>("LanguageCode") {
            builder = builder.language_code(value);
        }
        builder
    }

    /// A client of the mock: [`MockServer::client_builder`], built.
    pub fn client(&self) -> crate::client::Client {
        self.client_builder()
            .build()
            .expect("a client of the mock builds")
    }
}

impl super::MockServerBuilder {
    /// Expects every request to send `AccessToken` with `value`.
    pub fn access_token(self, value: impl Into<String>) -> Self {
        self.expect_field("AccessToken", value.into())
    }

    /// Expects every request to send `Client` with `value`.
    pub fn client(self, value: impl Into<String>) -> Self {
        self.expect_field("Client", value.into())
    }

    /// Expects every request to send `LanguageCode` with `value`.
    pub fn language_code(self, value: impl Into<String>) -> Self {
        self.expect_field("LanguageCode", value.into())
    }
}

impl super::Expectation<super::operations::ThingsGetAll> {
    /// Answers with pages of `items`, as the API pages them.
    pub fn returns_pages(self, items: Vec<Thing>) -> Self {
        self.reply_with(move |request| {
            let count = usize::try_from(request.limitation.count).unwrap_or(0);
            let (things, cursor) =
                super::server::page(&items, count, request.limitation.cursor.value(), |thing| {
                    thing.id
                })?;
            Ok(ThingResult { things, cursor })
        })
    }
}
