//! What the generated crate's types rule out does not compile: each case in `ui/` fails with
//! the error written beside it (`TRYBUILD=overwrite` rewrites those after a deliberate change).

#[test]
fn what_the_types_rule_out_does_not_compile() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
