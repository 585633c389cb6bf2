//! Serialization and deserialization of the generated types against hand-written `serde`
//! structs of the same shape, on the documented Mews examples.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use mews_benches::handwritten;
use mews_tests::{
    CUSTOMERS_ADD_REQUEST, CUSTOMERS_ADD_RESPONSE, IDENTITY_DOCUMENTS_UPDATE_REQUEST,
    IDENTITY_DOCUMENTS_UPDATE_RESPONSE,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Benchmarks reading `json` into the generated type `G` and into the hand-written `H`, and
/// writing both back.
fn compare<G, H>(c: &mut Criterion, name: &str, json: &str)
where
    G: Serialize + DeserializeOwned,
    H: Serialize + DeserializeOwned,
{
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("deserialize/generated", |b| {
        b.iter(|| serde_json::from_str::<G>(std::hint::black_box(json)).unwrap())
    });
    group.bench_function("deserialize/handwritten", |b| {
        b.iter(|| serde_json::from_str::<H>(std::hint::black_box(json)).unwrap())
    });
    let generated: G = serde_json::from_str(json).unwrap();
    let handwritten: H = serde_json::from_str(json).unwrap();
    group.bench_function("serialize/generated", |b| {
        b.iter(|| serde_json::to_vec(std::hint::black_box(&generated)).unwrap())
    });
    group.bench_function("serialize/handwritten", |b| {
        b.iter(|| serde_json::to_vec(std::hint::black_box(&handwritten)).unwrap())
    });
    group.finish();
}

fn serde_benches(c: &mut Criterion) {
    compare::<mews_connector::CustomerAddParameters, handwritten::CustomerAddParameters>(
        c,
        "customers_add_request",
        CUSTOMERS_ADD_REQUEST,
    );
    compare::<mews_connector::Customer, handwritten::Customer>(
        c,
        "customer_result",
        CUSTOMERS_ADD_RESPONSE,
    );
    compare::<
        mews_connector::MultipleIdentityDocumentUpdateParameters,
        handwritten::MultipleIdentityDocumentUpdateParameters,
    >(
        c,
        "identity_documents_update_request",
        IDENTITY_DOCUMENTS_UPDATE_REQUEST,
    );
    compare::<mews_connector::IdentityDocumentWriteResult, handwritten::IdentityDocumentWriteResult>(
        c,
        "identity_document_write_result",
        IDENTITY_DOCUMENTS_UPDATE_RESPONSE,
    );
}

criterion_group!(benches, serde_benches);
criterion_main!(benches);
