//! Secret redaction for everything ccdeps prints or logs: credentials in URLs
//! (`https://user:token@host`), token-like query parameters, and values of
//! flags and environment variables that carry secrets.

/// Replaces URL userinfo and secret-looking query values with `***`.
pub fn url(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(scheme_end) = out.find("://") {
        let rest_start = scheme_end + 3;
        let authority_end = out[rest_start..]
            .find(['/', '?', '#'])
            .map_or(out.len(), |i| rest_start + i);
        if let Some(at) = out[rest_start..authority_end].rfind('@') {
            out.replace_range(rest_start..rest_start + at, "***");
        }
    }
    if let Some(q) = out.find('?') {
        let (head, query) = out.split_at(q + 1);
        let redacted: Vec<String> = query
            .split('&')
            .map(|kv| match kv.split_once('=') {
                Some((k, _)) if is_secret_key(k) => format!("{k}=***"),
                _ => kv.to_string(),
            })
            .collect();
        out = format!("{head}{}", redacted.join("&"));
    }
    out
}

/// Does a key (flag, env var, query parameter, config key) name a secret?
pub fn is_secret_key(key: &str) -> bool {
    let k = key.trim_start_matches('-').to_ascii_lowercase();
    [
        "token",
        "password",
        "passwd",
        "secret",
        "auth",
        "apikey",
        "api-key",
        "api_key",
        "credential",
    ]
    .iter()
    .any(|s| k.contains(s))
}

/// Redacts one argv word: URLs lose credentials, `--flag=value` and
/// `KEY=value` forms with secret keys lose their value.
pub fn arg(word: &str) -> String {
    if let Some((k, _)) = word.split_once('=') {
        if is_secret_key(k) && !k.contains("://") {
            return format!("{k}=***");
        }
    }
    if word.contains("://") {
        url(word)
    } else {
        word.to_string()
    }
}

/// Redacts a whole argv, including the value that follows a secret flag
/// (`--password x`).
pub fn argv(words: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(words.len());
    let mut hide_next = false;
    for w in words {
        if hide_next {
            out.push("***".to_string());
            hide_next = false;
            continue;
        }
        if w.starts_with('-') && !w.contains('=') && is_secret_key(w) {
            hide_next = true;
        }
        out.push(arg(w));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            url("https://user:s3cret@pypi.example/simple"),
            "https://***@pypi.example/simple"
        );
        assert_eq!(
            url("https://h/x?token=abc&x=1"),
            "https://h/x?token=***&x=1"
        );
        assert_eq!(
            url("https://registry.npmjs.org/lodash"),
            "https://registry.npmjs.org/lodash"
        );
        assert_eq!(url("https://h/p@1.0"), "https://h/p@1.0");
    }

    #[test]
    fn argvs() {
        let v: Vec<String> = [
            "pip",
            "install",
            "--index-url",
            "https://u:p@h/simple",
            "--password",
            "x",
            "NPM_TOKEN=abc",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            argv(&v),
            [
                "pip",
                "install",
                "--index-url",
                "https://***@h/simple",
                "--password",
                "***",
                "NPM_TOKEN=***"
            ]
        );
    }
}
