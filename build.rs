//! Links the `ccdeps` binary as a non-PIE executable on Linux (glibc).
//!
//! Every shimmed `npm`/`pip`/`cargo` call starts this binary before the real
//! tool, so its start-up is the pass-through budget (docs/BENCHMARKS.md). As a
//! PIE, the dynamic loader applies ~14,000 relative relocations and copies the
//! pages they touch on every start: about 0.6 ms, a third of the shim's cost.
//! A non-PIE executable needs none. The trade-off: the executable image is not
//! address-randomized (shared libraries, heap and stack still are); ccdeps's
//! own code forbids `unsafe`. Set `CCDEPS_PIE=1` to build a PIE anyway.

fn main() {
    println!("cargo:rerun-if-env-changed=CCDEPS_PIE");
    let linux_gnu = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    if linux_gnu && std::env::var_os("CCDEPS_PIE").is_none() {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
