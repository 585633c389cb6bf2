//! What every test of the `cargo xtask` program needs: running it, reading what it said, and
//! a small spec.

use std::process::{Command, Output};

pub const VALID_SPEC: &str = r#"
openapi: 3.0.3
info: { title: Tiny, version: v1 }
paths:
  /things/add:
    post:
      operationId: things_add
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/ThingParameters' }
      responses:
        '200': { description: OK }
components:
  schemas:
    ThingParameters:
      type: object
      properties:
        Name: { type: string, minLength: 1 }
      required: [Name]
"#;

/// `VALID_SPEC` with a tighter limit and a new optional field: a minor change.
pub fn minor_change() -> String {
    VALID_SPEC.replace(
        "Name: { type: string, minLength: 1 }",
        "Name: { type: string, minLength: 2 }\n        Note: { type: string }",
    )
}

/// Runs the program with `args`, never through a proxy (the tests' servers are on loopback).
pub fn xtask(args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    for proxy in [
        "ALL_PROXY",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "all_proxy",
        "http_proxy",
        "https_proxy",
    ] {
        command.env_remove(proxy);
    }
    command.args(args).output().expect("the xtask binary runs")
}

pub fn codegen(args: &[&str]) -> Output {
    xtask(&[&["codegen"], args].concat())
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
