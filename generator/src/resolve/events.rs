//! Responses of server-sent events (`text/event-stream`).

use openapiv3::{ReferenceOr, StatusCode};

use super::Resolver;
use crate::error::{join_pointer, Error};
use crate::ir::{Events, TypeRef};

const EVENT_STREAM: &str = "text/event-stream";

impl Resolver<'_> {
    /// The event stream of an operation whose success is documented as `text/event-stream`:
    /// the type of each event's data (its schema, or text), and whether a JSON result beside
    /// it keeps the operation's own method (the stream then gets a method of its own).
    pub(super) fn events(
        &mut self,
        operation: &openapiv3::Operation,
        pointer: &str,
        hint: &str,
    ) -> Result<Option<Events>, Error> {
        let components = self.doc.components.as_ref().map(|c| &c.responses);
        for (status, response) in &operation.responses.responses {
            let StatusCode::Code(code @ 200..=299) = status else {
                continue;
            };
            let response_pointer =
                join_pointer(&join_pointer(pointer, "responses"), &code.to_string());
            let response = self.component(components, "responses", response, &response_pointer)?;
            let Some((media_type, media)) = response.content.iter().find(|(media_type, _)| {
                media_type.split(';').next().unwrap_or_default().trim() == EVENT_STREAM
            }) else {
                continue;
            };
            let schema_pointer = join_pointer(
                &join_pointer(&join_pointer(&response_pointer, "content"), media_type),
                "schema",
            );
            let data = match &media.schema {
                None => TypeRef::String,
                Some(schema) => {
                    let ty = self
                        .schema_or_reference(schema, &schema_pointer, &format!("{hint}Event"))?
                        .ty;
                    // A stream documented as one string is its events' text.
                    if matches!(schema, ReferenceOr::Item(_)) && ty == TypeRef::String {
                        TypeRef::String
                    } else {
                        ty
                    }
                }
            };
            let separate = response
                .content
                .keys()
                .any(|media_type| super::operations::is_json(media_type));
            return Ok(Some(Events {
                // Named with the client's other methods, once every operation has its name.
                method: String::new(),
                separate,
                data,
            }));
        }
        Ok(None)
    }
}
