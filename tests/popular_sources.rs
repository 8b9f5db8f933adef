//! `db update`'s default popular-name sources (npm-high-impact and
//! download-counts from the npm registry, hugovk's top PyPI list, the
//! crates.io API), served from
//! 127.0.0.1: each becomes a list in the mirror layout, and a failing source
//! keeps the previous list.

mod support;

use ccdeps::ecosystem::Ecosystem;
use ccdeps::home::Home;
use ccdeps::popular::{self, sources::Sources};
use support::server::{Route, Server};

fn ok(body: impl Into<Vec<u8>>) -> Route {
    Route::Ok {
        body: body.into(),
        etag: None,
    }
}

/// An npm package tarball holding one file.
fn tarball(path: &str, content: &str) -> Vec<u8> {
    let mut tar = tar::Builder::new(Vec::new());
    let mut header = tar::Header::new_gnu();
    header.set_size(content.len() as u64);
    header.set_mode(0o644);
    header.set_cksum();
    tar.append_data(&mut header, path, content.as_bytes())
        .expect("append");
    let raw = tar.into_inner().expect("tar");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, &raw).expect("gzip");
    gz.finish().expect("gzip")
}

#[test]
fn default_sources_become_mirror_lists_and_failures_keep_the_old_ones() {
    let server = Server::start();
    let tgz = format!(
        "{}/npm-high-impact/-/npm-high-impact-1.13.0.tgz",
        server.base
    );
    server.route(
        "/npm-high-impact/latest",
        ok(format!(
            r#"{{"name":"npm-high-impact","dist":{{"tarball":"{tgz}"}}}}"#
        )),
    );
    server.route(
        "/npm-high-impact/-/npm-high-impact-1.13.0.tgz",
        ok(tarball(
            "package/lib/top.js",
            "export const top = [\n  'semver',\n  'lodash',\n  '@babel/core'\n]\n",
        )),
    );
    let counts = format!(
        "{}/download-counts/-/download-counts-2.20260301.0.tgz",
        server.base
    );
    server.route(
        "/download-counts/latest",
        ok(format!(
            r#"{{"name":"download-counts","dist":{{"tarball":"{counts}"}}}}"#
        )),
    );
    // Names under the threshold stay off, names already listed are not repeated.
    let json = format!(
        r#"{{"loadsh":37293,"lodash":452434618,"scryptsy":{},"tiny":12,"hdkey":{}}}"#,
        popular::sources::NPM_MIN_MONTHLY,
        popular::sources::NPM_MIN_MONTHLY * 3
    );
    server.route(
        "/download-counts/-/download-counts-2.20260301.0.tgz",
        ok(tarball("package/counts.json", &json)),
    );
    server.route(
        "/top.json",
        ok(r#"{"rows":[{"download_count":9,"project":"boto3"},{"download_count":7,"project":"requests"}]}"#),
    );
    server.route(
        "/api/v1/crates?sort=downloads&per_page=100&page=1",
        ok(r#"{"crates":[{"name":"syn","downloads":99},{"name":"serde","downloads":98}]}"#),
    );
    server.route(
        "/api/v1/crates?sort=downloads&per_page=100&page=2",
        ok(r#"{"crates":[]}"#),
    );
    let src = Sources {
        npm_registry: server.base.clone(),
        pypi_top: format!("{}/top.json", server.base),
        crates_api: format!("{}/api/v1/crates?sort=downloads&per_page=100", server.base),
        crates_pages: 5,
    };
    let dir = tempfile::tempdir().expect("tmp");
    let home = Home::new(dir.path());
    let got = popular::update_from_sources(&home, &src, &Ecosystem::ALL);
    for (eco, r) in &got {
        assert!(r.is_ok(), "{eco}: {r:?}");
    }
    let read = |eco| std::fs::read_to_string(home.popular(eco)).expect("list");
    let npm = format!(
        "# sources: {tgz} {counts}\nsemver\nlodash\n@babel/core\nhdkey\t300000\nscryptsy\t100000\n"
    );
    assert_eq!(read(Ecosystem::Npm), npm);
    assert_eq!(popular::count(&home, Ecosystem::Npm), Some(5));

    // Nothing new published: the tarballs are not downloaded again.
    server.route(
        "/download-counts/-/download-counts-2.20260301.0.tgz",
        Route::Status(500),
    );
    let got = popular::update_from_sources(&home, &src, &[Ecosystem::Npm]);
    assert_eq!(got[0].1, Ok(Some(5)));
    assert_eq!(read(Ecosystem::Npm), npm);
    server.route(
        "/download-counts/-/download-counts-2.20260301.0.tgz",
        ok(tarball("package/counts.json", &json)),
    );
    assert_eq!(read(Ecosystem::PyPI), "boto3\t9\nrequests\t7\n");
    assert_eq!(read(Ecosystem::CratesIo), "syn\t99\nserde\t98\n");

    // A source that fails (500, garbage) changes nothing and says why.
    server.route("/top.json", Route::Status(500));
    server.route("/npm-high-impact/latest", ok("not json"));
    let got = popular::update_from_sources(&home, &src, &[Ecosystem::PyPI, Ecosystem::Npm]);
    let err = |i: usize| got[i].1.as_ref().expect_err("fails").clone();
    assert!(err(0).contains("500"), "{}", err(0));
    assert!(err(1).contains("npm-high-impact/latest"), "{}", err(1));
    assert_eq!(read(Ecosystem::PyPI), "boto3\t9\nrequests\t7\n");
    assert_eq!(read(Ecosystem::Npm), npm);

    // The second npm source failing fails the npm list as a whole: a list
    // without the download-counts names would silently shrink.
    server.route(
        "/npm-high-impact/latest",
        ok(format!(
            r#"{{"name":"npm-high-impact","dist":{{"tarball":"{tgz}"}}}}"#
        )),
    );
    // (a new download-counts is published, and it is damaged)
    let newer = format!(
        "{}/download-counts/-/download-counts-2.20260401.0.tgz",
        server.base
    );
    server.route(
        "/download-counts/latest",
        ok(format!(
            r#"{{"name":"download-counts","dist":{{"tarball":"{newer}"}}}}"#
        )),
    );
    server.route(
        "/download-counts/-/download-counts-2.20260401.0.tgz",
        ok(tarball("package/counts.json", "[1, 2]")),
    );
    let got = popular::update_from_sources(&home, &src, &[Ecosystem::Npm]);
    let err = got[0].1.as_ref().expect_err("fails");
    assert!(err.contains("download-counts-2.20260401.0.tgz"), "{err}");
    assert_eq!(read(Ecosystem::Npm), npm);
}
