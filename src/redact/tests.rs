//! Redaction: real-format lines in, masked lines out; Kubernetes text untouched; the shared
//! cases analyse the same once redacted.

use std::fs;
use std::path::Path;

use expect_test::{expect, Expect};

use super::*;

const GITHUB: &str = "ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d";
const AWS_ID: &str = "AKIA2E0A8F3B7C9D1E4F";
const AWS_SECRET: &str = "YgCfrL1spNxnyVmihA+2O76UMFxFkM+R5Kjp1vRt";
const JWT: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJpc3MiOiJrdWJlcm5ldGVzIn0.c2lnbmF0dXJl";

/// Lines as pasted, and as the default kinds redact them.
const MASKED: &[(&str, &str)] = &[
    (
        "curl -H \"Authorization: Bearer abc123def456ghi789\" https://api.internal/v1",
        "curl -H \"Authorization: Bearer [REDACTED-TOKEN-1]\" https://api.internal/v1",
    ),
    ("authorization: Basic dXNlcjpodW50ZXIy", "authorization: Basic [REDACTED-TOKEN-1]"),
    ("export GITHUB_TOKEN=ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d", "export GITHUB_TOKEN=[REDACTED-TOKEN-1]"),
    ("git clone https://ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d@github.com/o/r", "git clone https://[REDACTED-TOKEN-1]@github.com/o/r"),
    ("SLACK_WEBHOOK_TOKEN: xoxb-2114-5512837-Rk3vZpQ9LmWn7TtYb2Xc", "SLACK_WEBHOOK_TOKEN: [REDACTED-TOKEN-1]"),
    ("gitlab token glpat-x7Yq2Lm9Wn4Vb8Tc1Rz5 expired", "gitlab token [REDACTED-TOKEN-1] expired"),
    ("//registry.npmjs.org/:_authToken=npm_7FAc9QeWJKY40uvSwMFLZDe1f8rESQedUStP", "//registry.npmjs.org/:_authToken=[REDACTED-TOKEN-1]"),
    ("GOOGLE_API_KEY=AIza5KXSc7Tvo-hBKqFYY-kv5ZJr3J1TWDtkwtD", "GOOGLE_API_KEY=[REDACTED-TOKEN-1]"),
    ("aws_access_key_id = AKIA2E0A8F3B7C9D1E4F", "aws_access_key_id = [REDACTED-TOKEN-1]"),
    ("aws_secret_access_key = YgCfrL1spNxnyVmihA+2O76UMFxFkM+R5Kjp1vRt", "aws_secret_access_key = [REDACTED-PASSWORD-1]"),
    (
        "token: eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJpc3MiOiJrdWJlcm5ldGVzIn0.c2lnbmF0dXJl",
        "token: [REDACTED-TOKEN-1]",
    ),
    (
        "AZURE_STORAGE_CONNECTION_STRING=\"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=Zm9vYmFyYmF6cXV4cXV1eA==;EndpointSuffix=core.windows.net\"",
        "AZURE_STORAGE_CONNECTION_STRING=\"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=[REDACTED-TOKEN-1];EndpointSuffix=core.windows.net\"",
    ),
    (
        "Endpoint=sb://bus.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=c2VjcmV0a2V5dmFsdWUxMjM0NQ==",
        "Endpoint=sb://bus.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=[REDACTED-TOKEN-1]",
    ),
    (
        "GET https://acct.blob.core.windows.net/c/b.tar?sv=2022-11-02&ss=b&sig=AbCdEf%2BgHiJkLmN%3D 403",
        "GET https://acct.blob.core.windows.net/c/b.tar?sv=2022-11-02&ss=b&sig=[REDACTED-TOKEN-1] 403",
    ),
    ("DB_PASSWORD=hunter2-Prod!", "DB_PASSWORD=[REDACTED-PASSWORD-1]"),
    ("  password: s3cr3t-Value", "  password: [REDACTED-PASSWORD-1]"),
    ("  password: \"s3cr3t Value\"", "  password: \"[REDACTED-PASSWORD-1]\""),
    ("      API_TOKEN:        tk-8f7e6d5c4b3a", "      API_TOKEN:        [REDACTED-PASSWORD-1]"),
    ("  client_secret: 'q8WnE2r'", "  client_secret: '[REDACTED-PASSWORD-1]'"),
    ("{\"username\":\"svc\",\"password\":\"p@ss\\\"word\"}", "{\"username\":\"svc\",\"password\":\"[REDACTED-PASSWORD-1]\"}"),
    ("level=error msg=\"login failed\" api_key=k-123456 user=ops", "level=error msg=\"login failed\" api_key=[REDACTED-PASSWORD-1] user=ops"),
    ("$ kubectl create secret generic db --from-literal=password=Tr0ub4dor", "$ kubectl create secret generic db --from-literal=password=[REDACTED-PASSWORD-1]"),
    ("mysql --user=root --password=Tr0ub4dor -h db", "mysql --user=root --password=[REDACTED-PASSWORD-1] -h db"),
    (
        "DATABASE_URL=postgres://app:Sup3rS3cret@db.internal:5432/app",
        "DATABASE_URL=postgres://app:[REDACTED-PASSWORD-1]@db.internal:5432/app",
    ),
    ("redis://:pw123456@redis-master:6379/0", "redis://:[REDACTED-PASSWORD-1]@redis-master:6379/0"),
    ("Author: Jane Doe <jane.doe@example.com>", "Author: Jane Doe <<email-1>>"),
    ("Node:  ip-10-20-41-7.ec2.internal/10.20.41.7", "Node:  ip-10-x-x-1.ec2.internal/10.x.x.1"),
    ("IP:                 100.96.3.14", "IP:                 100.x.x.1"),
    ("dial tcp 10.96.0.1:443: i/o timeout", "dial tcp 10.x.x.1:443: i/o timeout"),
    ("listening on [fe80::1ff:fe23:4567:890a]:8080", "listening on [fe80:x::1]:8080"),
    ("addr 2001:db8:85a3:0:0:8a2e:370:7334 ok", "addr 2001:x::1 ok"),
    ("2024-12-03 INFO env PGPASSWORD=hunter2 MYSQL_PWD=s3cret", "2024-12-03 INFO env PGPASSWORD=[REDACTED-PASSWORD-1] MYSQL_PWD=[REDACTED-PASSWORD-2]"),
    ("mysql --user=root --password s3cretC -h db", "mysql --user=root --password [REDACTED-PASSWORD-1] -h db"),
    ("mysqldump -uroot -ps3cretD appdb", "mysqldump -uroot -p[REDACTED-PASSWORD-1] appdb"),
    (
        "posting to https://hooks.slack.com/services/T01ABCDEF/B02GHIJKL/q8Xn3Vb7Rt2Lm9Pz4Wk6Yc1D",
        "posting to https://hooks.slack.com/services/[REDACTED-TOKEN-1]",
    ),
];

/// Lines the default kinds must leave exactly as they are.
const KEPT: &[&str] = &[
    "  Warning  Failed     29m   kubelet  Error: secret \"fanout-secret-47\" not found",
    "    SecretName:  default-token-x2k9m",
    "      PAYLOAD:  <set to the key 'value' in secret 'fanout-secret-47'>  Optional: false",
    "      DB_PASSWORD:  <set to the key 'password' in secret 'db'>  Optional: false",
    "Error: [postgres error] FATAL: password authentication failed for user \"kong\"",
    "automountServiceAccountToken: false",
    "          secretKeyRef:",
    "            key: password",
    "  tokenExpirationSeconds: 3600",
    "      Reason:       OOMKilled",
    "      Exit Code:    137",
    "W0611 08:41:22.371905       1 client_config.go:659] Neither --kubeconfig nor --master",
    "    Image ID:      docker-pullable://perl@sha256:d841735815699691e58b081006f7e3dfc967a64cb14028d512c9791e558e08ba",
    "23/06/05 00:51:08 ERROR TaskSchedulerImpl: Lost executor 1 on host",
    "pi-master   Ready    master   41d   v1.18.9+k3s1   <none>   5.4.51-v7l+",
    "Start Time:         Thu, 16 Sep 2021 08:12:40 +0000",
    "kubectl -n gw get secret gw-postgresql -o jsonpath='{.data.postgresql-password}' | base64 -d",
    "mysql --password=$MYSQL_ROOT_PASSWORD",
    "  --from-literal=password=$(cat pw.txt)",
    "Listening on 127.0.0.1:8080 and [::1]:8080, mac 02:42:ac:11:00:02",
    "image: registry.example.test/team/app:1.2.3.4-rc1",
    "Events:  <none>",
    "  password: \"\"",
    "PWD=/home/ops",
    "      GOOGLE_APPLICATION_CREDENTIALS:  /var/secrets/google/key.json",
    "      PWD:  /app",
    "mysql -h db -P 3306 -p appdb",
    "  --password-file /run/secrets/db",
];

#[test]
fn real_format_secrets_are_masked_and_nothing_else() {
    for (input, want) in MASKED {
        assert_eq!(redact(input), *want, "{input}");
    }
}

#[test]
fn kubernetes_text_is_left_alone() {
    for input in KEPT {
        let found = find(input, Options::default());
        assert!(found.is_empty(), "{input}\n{found:?}");
    }
}

/// Findings of `paste` (names included) as `line:start-end kind label value`, and the
/// paste redacted with the default kinds.
fn check(paste: &str, expect: Expect) {
    let found = find(paste, Options { names: true });
    let lines = lines(paste);
    let mut out = String::new();
    for f in &found {
        let value = &lines[f.line - 1][f.range.clone()];
        out.push_str(&format!(
            "{}:{}-{} {} ({}) {value}\n",
            f.line,
            f.range.start,
            f.range.end,
            f.kind.id(),
            f.label
        ));
    }
    out.push_str("---\n");
    out.push_str(&redact(paste));
    expect.assert_eq(&out);
}

#[test]
fn a_pem_block_keeps_its_lines() {
    let paste = "\
tls.key: |
  -----BEGIN RSA PRIVATE KEY-----
  MIIEpAIBAAKCAQEA7bq2XlZ0kX3w8fJc1n0Q
  c2VjcmV0LWtleS1ib2R5LW9uZQ==
  -----END RSA PRIVATE KEY-----
-----BEGIN CERTIFICATE-----
MIIC+zCCAeOgAwIBAgIJAO2Lh8a7
-----END CERTIFICATE-----
Reason: Error";
    check(
        paste,
        expect![[r#"
            3:2-38 private-key (private key) MIIEpAIBAAKCAQEA7bq2XlZ0kX3w8fJc1n0Q
            4:2-30 private-key (private key) c2VjcmV0LWtleS1ib2R5LW9uZQ==
            7:0-28 certificate (certificate) MIIC+zCCAeOgAwIBAgIJAO2Lh8a7
            ---
            tls.key: |
              -----BEGIN RSA PRIVATE KEY-----
              [REDACTED-PRIVATE-KEY]
              [REDACTED-PRIVATE-KEY]
              -----END RSA PRIVATE KEY-----
            -----BEGIN CERTIFICATE-----
            [REDACTED-CERTIFICATE]
            -----END CERTIFICATE-----
            Reason: Error"#]],
    );
}

#[test]
fn a_cut_pem_block_ends_at_the_first_line_that_is_not_base64() {
    let paste = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEF\n$ kubectl get pods\n";
    assert_eq!(
        redact(paste),
        "-----BEGIN PRIVATE KEY-----\n[REDACTED-PRIVATE-KEY]\n$ kubectl get pods\n"
    );
}

#[test]
fn a_service_account_key_in_json_is_masked() {
    let paste = r#"{
  "type": "service_account",
  "private_key_id": "1f2e3d4c5b6a79881f2e3d4c5b6a798812345678",
  "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEF\n-----END PRIVATE KEY-----\n",
  "client_email": "loader@proj-1234.iam.gserviceaccount.com"
}"#;
    check(
        paste,
        expect![[r#"
            4:18-104 private-key (private key in JSON) -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEF\n-----END PRIVATE KEY-----\n
            5:19-59 email (email address) loader@proj-1234.iam.gserviceaccount.com
            ---
            {
              "type": "service_account",
              "private_key_id": "1f2e3d4c5b6a79881f2e3d4c5b6a798812345678",
              "private_key": "[REDACTED-PRIVATE-KEY]",
              "client_email": "<email-1>"
            }"#]],
    );
}

#[test]
fn a_secret_from_get_o_yaml_loses_its_data_values() {
    let paste = "\
$ kubectl get secret db -n payments -o yaml
apiVersion: v1
data:
  password: aHVudGVyMg==
  username: YXBw
kind: Secret
metadata:
  name: db
  namespace: payments
type: Opaque
---
apiVersion: v1
data:
  LOG_LEVEL: ZGVidWc=
kind: ConfigMap";
    check(
        paste,
        expect![[r#"
            1:27-35 namespace (namespaces) payments
            4:12-24 secret-data (Secret data value) aHVudGVyMg==
            5:12-16 secret-data (Secret data value) YXBw
            9:13-21 namespace (namespaces) payments
            ---
            $ kubectl get secret db -n payments -o yaml
            apiVersion: v1
            data:
              password: [REDACTED-SECRET-1]
              username: [REDACTED-SECRET-2]
            kind: Secret
            metadata:
              name: db
              namespace: payments
            type: Opaque
            ---
            apiVersion: v1
            data:
              LOG_LEVEL: ZGVidWc=
            kind: ConfigMap"#]],
    );
}

#[test]
fn secrets_in_a_list_and_in_json_lose_their_data_values() {
    let list = "\
items:
- apiVersion: v1
  data:
    token: dG9rZW4tdmFsdWU=
  kind: Secret
- apiVersion: v1
  data:
    mode: ZmFzdA==
  kind: ConfigMap";
    assert_eq!(
        redact(list),
        list.replace("dG9rZW4tdmFsdWU=", "[REDACTED-SECRET-1]"),
        "only the Secret's value"
    );
    let json = "\
{
    \"apiVersion\": \"v1\",
    \"data\": {
        \"ca.crt\": \"LS0tLS1CRUdJTg==\",
        \"namespace\": \"ZGVmYXVsdA==\"
    },
    \"kind\": \"Secret\"
}";
    let want = json
        .replace("LS0tLS1CRUdJTg==", "[REDACTED-SECRET-1]")
        .replace("ZGVmYXVsdA==", "[REDACTED-SECRET-2]");
    assert_eq!(redact(json), want);
}

#[test]
fn a_secret_env_value_on_the_line_after_its_name_is_masked() {
    let paste = "\
        env:
        - name: DB_PASSWORD
          value: Tr0ub4dor&3
        - name: LOG_LEVEL
          value: debug
        - name: API_TOKEN
          valueFrom:
            secretKeyRef:
              name: api
              key: token";
    let want = paste.replace("Tr0ub4dor&3", "[REDACTED-PASSWORD-1]");
    assert_eq!(redact(paste), want);

    let pretty = "\
                \"env\": [
                    {
                        \"name\": \"DB_PASSWORD\",
                        \"value\": \"Tr0ub4dor&3\"
                    },
                    {
                        \"name\": \"LOG_LEVEL\",
                        \"value\": \"debug\"
                    }";
    assert_eq!(redact(pretty), pretty.replace("Tr0ub4dor&3", "[REDACTED-PASSWORD-1]"));
    let minified =
        r#"{"env":[{"name":"DB_PASSWORD","value":"Tr0ub4dor&3"},{"name":"X","value":"y"}]}"#;
    assert_eq!(redact(minified), minified.replace("Tr0ub4dor&3", "[REDACTED-PASSWORD-1]"));
}

#[test]
fn an_aws_secret_key_is_masked_next_to_its_key_id() {
    let paste = format!(
        "[default]\n{AWS_ID}\n{AWS_SECRET}\nsha 1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d\n"
    );
    assert_eq!(
        redact(&paste),
        "[default]\n[REDACTED-TOKEN-1]\n[REDACTED-TOKEN-2]\nsha 1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d\n"
    );
    // Without a key id nearby, a 40-character word is left alone.
    assert_eq!(redact(AWS_SECRET), AWS_SECRET);
}

#[test]
fn one_value_gets_one_mask_everywhere() {
    let paste = format!(
        "TOKEN={GITHUB}\nretry with {GITHUB}\nother ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij\n\
         from 10.0.0.5 via ip-10-0-0-5 and 10.0.0.6\nBearer {JWT}\n"
    );
    expect![[r#"
        TOKEN=[REDACTED-TOKEN-1]
        retry with [REDACTED-TOKEN-1]
        other [REDACTED-TOKEN-2]
        from 10.x.x.1 via ip-10-x-x-1 and 10.x.x.2
        Bearer [REDACTED-TOKEN-3]
    "#]]
    .assert_eq(&redact(&paste));
}

#[test]
fn kinds_not_chosen_stay() {
    let paste = "DB_PASSWORD=hunter22 from 10.1.2.3 by ops@example.com";
    let found = find(paste, Options::default());
    assert_eq!(
        apply(paste, &found, &[Kind::Ip]),
        "DB_PASSWORD=hunter22 from 10.x.x.1 by ops@example.com"
    );
    assert_eq!(apply(paste, &found, &[]), paste);
    assert_eq!(masks(paste, &found), ["[REDACTED-PASSWORD-1]", "10.x.x.1", "<email-1>"]);
}

#[test]
fn names_are_found_only_when_asked_and_masked_with_their_pods() {
    let paste = "\
$ kubectl describe pod migrate-7xk2p -n payments
Name:             migrate-7xk2p
Namespace:        payments
Node:             worker-3.corp.example/10.4.0.9
Labels:           job-name=migrate
    Image:          registry.corp.example:5000/payments/migrate:1.4
  Normal  Scheduled  2m  default-scheduler  Successfully assigned payments/migrate-7xk2p to worker-3.corp.example";
    assert!(find(paste, Options::default()).iter().all(|f| f.kind.is_default()));
    let found = find(paste, Options { names: true });
    let redacted = apply(paste, &found, &Kind::ALL);
    expect![[r#"
        $ kubectl describe pod name-1-7xk2p -n ns-1
        Name:             name-1-7xk2p
        Namespace:        ns-1
        Node:             node-1/10.x.x.1
        Labels:           job-name=name-1
            Image:          registry-1.example:5000/ns-1/name-1:1.4
          Normal  Scheduled  2m  default-scheduler  Successfully assigned ns-1/name-1-7xk2p to node-1"#]]
    .assert_eq(&redacted);
}

#[test]
fn job_names_in_kind_slash_name_and_a_namespace_inside_a_host_are_names() {
    let paste = "\
$ kubectl logs job/invoice-export -n billing
    conn = connect(\"postgresql://export_svc:Sup3r!@pg-primary.billing.svc:5432/invoices\")
2m  Warning  BackoffLimitExceeded  job/invoice-export  Job has reached the specified backoff limit";
    let found = find(paste, Options { names: true });
    let redacted = apply(paste, &found, &Kind::ALL);
    for name in ["invoice-export", "billing", "pg-primary"] {
        assert!(!redacted.contains(name), "`{name}` survives:\n{redacted}");
    }
    // The scheme, the port and the path stay readable.
    assert!(
        redacted.contains("postgresql://") && redacted.contains(":5432/invoices"),
        "{redacted}"
    );
}

#[test]
fn nothing_of_a_planted_secret_survives() {
    let planted = [GITHUB, AWS_ID, AWS_SECRET, JWT, "hunter2-Prod!", "Sup3rS3cret", "aHVudGVyMg=="];
    let paste = format!(
        "$ env\nGH_TOKEN={GITHUB}\nAWS_ACCESS_KEY_ID={AWS_ID}\nAWS_SECRET_ACCESS_KEY={AWS_SECRET}\n\
         KUBE_TOKEN={JWT}\nDB_PASSWORD=hunter2-Prod!\nDATABASE_URL=mysql://app:Sup3rS3cret@db:3306/x\n\
         apiVersion: v1\ndata:\n  password: aHVudGVyMg==\nkind: Secret\n"
    );
    let redacted = redact(&paste);
    for secret in planted {
        for window in secret.as_bytes().windows(6) {
            let piece = std::str::from_utf8(window).unwrap_or_default();
            assert!(!redacted.contains(piece), "`{piece}` of `{secret}` survives:\n{redacted}");
        }
    }
    assert_eq!(redacted.lines().count(), paste.lines().count());
}

/// The inputs of `../shared/cases`, by folder name.
fn cases() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/cases");
    let mut found: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .filter_map(|e| {
            let text = fs::read(e.path().join("input.txt")).ok()?;
            Some((
                e.file_name().to_string_lossy().into_owned(),
                String::from_utf8_lossy(&text).into_owned(),
            ))
        })
        .collect();
    found.sort();
    assert!(found.len() >= 30, "only {} cases in {}", found.len(), dir.display());
    found
}

#[test]
fn redacted_cases_keep_their_lines_and_their_top_cause() {
    let mut differ = Vec::new();
    for (name, input) in cases() {
        let all = apply(&input, &find(&input, Options { names: true }), &Kind::ALL);
        for (how, redacted) in [("default kinds", redact(&input)), ("every kind", all)] {
            assert_eq!(redacted.split('\n').count(), input.split('\n').count(), "{name}, {how}");
            let (before, after) = (crate::analyze(&input), crate::analyze(&redacted));
            if before.top_cause() != after.top_cause() {
                differ.push(format!(
                    "{name}, {how}: {} became {}",
                    before.top_cause(),
                    after.top_cause()
                ));
            }
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[test]
fn hostile_lines_take_linear_time() {
    let started = std::time::Instant::now();
    for unit in ["a=", "eyJ", "::", "@a.", "1.", "ip-1-", "://:@", "\"k\":", "-----BEGIN ", "AKIA"]
    {
        let paste = unit.repeat(200_000 / unit.len());
        let found = find(&paste, Options { names: true });
        let _ = apply(&paste, &found, &Kind::ALL);
    }
    let many_lines = "password: x\n  data:\n    k: dmFsdWUxMjM=\n".repeat(20_000);
    let _ = redact(&many_lines);
    assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
}

#[test]
fn runs_remember_their_end_and_agree_with_take() {
    let line = b"password=a=b c=\"d\" e";
    let keep = |c: u8| !b" \"".contains(&c);
    let mut runs = bytes::Runs::new(keep);
    for start in [0, 2, 9, 11, 12, 13, 25, 3] {
        assert_eq!(runs.take(line, start), bytes::take(line, start, keep), "from {start}");
    }
}

#[test]
fn values_inside_values_are_settled_as_before() {
    // The value of the first `password=` holds the second; one mask covers both.
    let findings = find("password=x1password=y2 token=\"z3\"", Options::default());
    let values: Vec<_> = findings.iter().map(|f| f.range.clone()).collect();
    assert_eq!(values, [9..22, 30..32]);
}
