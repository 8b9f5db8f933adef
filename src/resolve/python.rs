//! The target interpreter: PEP 508 environment markers and the wheel tags it
//! accepts (most preferred first), learned once by running the `python3` the
//! pip shim would run with a tiny script, and cached under the home (keyed by
//! the interpreter's path, size and mtime) so later runs spawn nothing.

use std::path::Path;

use pep508_rs::MarkerEnvironment;
use serde::{Deserialize, Serialize};

use crate::home::Home;

/// What the resolver needs to know about the interpreter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetPython {
    pub markers: MarkerEnvironment,
    /// Compatible wheel tags, best first (`packaging.tags.sys_tags()`).
    pub tags: Vec<String>,
}

/// Prints markers and tags as JSON; `packaging` comes from pip's vendored copy when needed.
const SCRIPT: &str = r#"
import json, os, platform, sys
def fmt(info):
    v = "{0.major}.{0.minor}.{0.micro}".format(info)
    if info.releaselevel != "final":
        v += info.releaselevel[0] + str(info.serial)
    return v
m = {
 "implementation_name": sys.implementation.name,
 "implementation_version": fmt(sys.implementation.version),
 "os_name": os.name,
 "platform_machine": platform.machine(),
 "platform_python_implementation": platform.python_implementation(),
 "platform_release": platform.release(),
 "platform_system": platform.system(),
 "platform_version": platform.version(),
 "python_full_version": platform.python_version(),
 "python_version": ".".join(platform.python_version_tuple()[:2]),
 "sys_platform": sys.platform,
}
tags = []
try:
    from pip._vendor.packaging.tags import sys_tags
except Exception:
    try:
        from packaging.tags import sys_tags
    except Exception:
        sys_tags = None
if sys_tags:
    tags = [str(t) for t in sys_tags()]
print(json.dumps({"markers": m, "tags": tags}))
"#;

/// Learns the interpreter's markers and tags (cached under `home`).
pub fn detect(program: &Path, home: Option<&Home>) -> Result<TargetPython, String> {
    let out = super::probe::run(program, &["-c", SCRIPT], home, "python")?;
    serde_json::from_slice(&out).map_err(|e| format!("{}: {e}", program.display()))
}

impl TargetPython {
    /// A fixed CPython 3.11 on x86-64 Linux (tests and examples).
    pub fn example() -> TargetPython {
        let b = pep508_rs::MarkerEnvironmentBuilder {
            implementation_name: "cpython",
            implementation_version: "3.11.7",
            os_name: "posix",
            platform_machine: "x86_64",
            platform_python_implementation: "CPython",
            platform_release: "6.0",
            platform_system: "Linux",
            platform_version: "#1",
            python_full_version: "3.11.7",
            python_version: "3.11",
            sys_platform: "linux",
        };
        #[allow(clippy::expect_used)]
        let markers = MarkerEnvironment::try_from(b).expect("constant markers are valid");
        let tags = [
            "cp311-cp311-manylinux_2_17_x86_64",
            "cp311-abi3-manylinux_2_17_x86_64",
            "py3-none-manylinux_2_17_x86_64",
            "cp311-none-any",
            "py3-none-any",
        ];
        TargetPython {
            markers,
            tags: tags.map(String::from).to_vec(),
        }
    }

    pub fn python_full_version(&self) -> &pep440_rs::Version {
        &self.markers.python_full_version().version
    }
}
