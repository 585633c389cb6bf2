//! What the generated client adds to a request, against a bare `reqwest` call that sends the
//! same bytes and decodes the same result, both to a minimal server on loopback.

use criterion::{criterion_group, criterion_main, Criterion};
use mews_connector::{Client, Customer, CustomerAddParameters, RetryPolicy};
use mews_tests::{CUSTOMERS_ADD_REQUEST, CUSTOMERS_ADD_RESPONSE};

fn client_overhead(c: &mut Criterion) {
    // One thread for the server and the client: less noise than threads competing for 2 cores.
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let base_url = runtime.block_on(mews_benches::server::start(CUSTOMERS_ADD_RESPONSE));
    let url = format!("{base_url}/api/connector/v1/customers/add");
    let request: CustomerAddParameters = serde_json::from_str(CUSTOMERS_ADD_REQUEST).unwrap();
    let http = reqwest::Client::new();
    let client = Client::builder(&base_url, "client-token", "access-token", "Bench 1.0")
        .retry_policy(RetryPolicy::never())
        .http_client(http.clone())
        .build()
        .unwrap();
    // The exact bytes the generated client sends.
    let body = {
        let mut json: serde_json::Value = serde_json::to_value(&request).unwrap();
        let fields = json.as_object_mut().unwrap();
        fields.insert("ClientToken".into(), "client-token".into());
        fields.insert("AccessToken".into(), "access-token".into());
        fields.insert("Client".into(), "Bench 1.0".into());
        serde_json::to_vec(&json).unwrap()
    };

    let mut group = c.benchmark_group("customers_add over loopback");
    group.bench_function("bare reqwest", |b| {
        b.to_async(&runtime).iter(|| async {
            let response = http
                .post(&url)
                .header("Content-Type", "application/json")
                .body(body.clone())
                .send()
                .await
                .unwrap();
            let bytes = response.bytes().await.unwrap();
            serde_json::from_slice::<Customer>(&bytes).unwrap()
        })
    });
    // Every call of the generated client has a timeout; the same bare call with one too.
    group.bench_function("bare reqwest with a timeout", |b| {
        b.to_async(&runtime).iter(|| async {
            let response = http
                .post(&url)
                .header("Content-Type", "application/json")
                .timeout(std::time::Duration::from_secs(60))
                .body(body.clone())
                .send()
                .await
                .unwrap();
            let bytes = response.bytes().await.unwrap();
            serde_json::from_slice::<Customer>(&bytes).unwrap()
        })
    });
    group.bench_function("generated client", |b| {
        b.to_async(&runtime)
            .iter(|| async { client.customers_add(&request).await.unwrap() })
    });
    group.finish();
}

criterion_group!(benches, client_overhead);
criterion_main!(benches);
