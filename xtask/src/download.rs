//! Downloading the spec of `cargo xtask codegen --spec URL`.

use std::time::Duration;

/// Far more than the description of the whole Connector API; an answer larger than this is
/// no spec, and reading it would only fill memory.
const MAX_SIZE: u64 = 64 * 1024 * 1024;

/// Whether the `--spec` argument names a URL to download rather than a file.
pub fn is_url(spec: &str) -> bool {
    let lower = spec.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The text at `url`, all of it received within `timeout`. The error says why not, in one line
/// that does not repeat the URL.
pub fn download(url: &str, timeout: Duration) -> Result<String, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        // The status is reported with its reason below, rather than as ureq's bare code.
        .http_status_as_error(false)
        .build()
        .into();
    let failed = |err: ureq::Error| match err {
        ureq::Error::Timeout(_) => format!(
            "cannot download the spec: no complete answer within {} s (see --timeout-secs)",
            timeout.as_secs_f64()
        ),
        ureq::Error::Io(err) => format!("cannot download the spec: {err}"),
        err => format!("cannot download the spec: {err}"),
    };
    let mut response = agent.get(url).call().map_err(failed)?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!(
            "cannot download the spec: the server answered {status}"
        ));
    }
    let is_html = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim_start().starts_with("text/html"));
    if is_html {
        return Err(
            "the server answered an HTML page (text/html), not an OpenAPI description".to_owned(),
        );
    }
    let body = response
        .body_mut()
        .with_config()
        .limit(MAX_SIZE)
        .read_to_vec()
        .map_err(failed)?;
    String::from_utf8(body).map_err(|_| "the answer is not UTF-8 text, so no spec".to_owned())
}
