//! The release-age check: a version younger than the cooldown
//! (`settings.release-age-hours`, default 48) is `release-too-new` — most
//! malicious releases are found and pulled within hours to days, so waiting
//! costs little and catches much. A version whose registry records no
//! publication time is `release-age-unknown` (when registry facts were
//! requested; a plain lockfile scan judges only what it has).

use jiff::{SignedDuration, Timestamp};

use super::facts;
use super::{Check, Context, Sink};
use crate::codes;
use crate::finding::{CheckId, Finding};
use crate::package::Package;

/// The built-in cooldown, when no policy is given.
const DEFAULT_HOURS: u32 = 48;

pub struct ReleaseAgeCheck;

impl Check for ReleaseAgeCheck {
    fn id(&self) -> CheckId {
        CheckId::ReleaseAge
    }

    fn codes(&self) -> &'static [&'static str] {
        &[codes::RELEASE_TOO_NEW, codes::RELEASE_AGE_UNKNOWN]
    }

    fn run(&self, ctx: &Context<'_>, pkg: &Package, sink: &mut Sink) {
        if !facts::judged(pkg) {
            return;
        }
        let Some(published) = &pkg.facts.published else {
            if !facts::unavailable(pkg, CheckId::ReleaseAge, "publication time", sink)
                && ctx.registry_checks
            {
                sink.push(unknown(
                    "the registry records no publication time for this version".into(),
                ));
            }
            return;
        };
        let Ok(at) = published.trim().parse::<Timestamp>() else {
            sink.push(unknown(format!(
                "the registry's publication time {:?} is not a timestamp",
                facts::one_line(published, 40)
            )));
            return;
        };
        let hours = ctx
            .policy
            .map_or(DEFAULT_HOURS, |p| p.release_age_hours.value);
        let cooldown = SignedDuration::from_hours(i64::from(hours));
        let age = ctx.now.duration_since(at);
        if age >= cooldown {
            return;
        }
        let ends = at.checked_add(cooldown).unwrap_or(Timestamp::MAX);
        let summary = if age.is_negative() {
            format!(
                "dated {}, later than now: inside the {hours} h cooldown for new releases",
                short(at)
            )
        } else {
            format!(
                "published {} ago, inside the {hours} h cooldown for new releases",
                human(age)
            )
        };
        sink.push(
            Finding::new(CheckId::ReleaseAge, codes::RELEASE_TOO_NEW, summary)
                .with_reason("cooldown")
                .with_detail(format!(
                    "Published {}; the cooldown ends {} (in {}). New releases are where hijacked \
                     accounts and malicious updates show up first; they are usually caught within days.",
                    short(at),
                    short(ends),
                    human(ends.duration_since(ctx.now))
                )),
        );
    }
}

fn unknown(why: String) -> Finding {
    Finding::new(
        CheckId::ReleaseAge,
        codes::RELEASE_AGE_UNKNOWN,
        format!("release age unknown: {why}"),
    )
    .with_reason("no-publication-time")
}

/// `2026-06-01 10:00 UTC`.
fn short(t: Timestamp) -> String {
    t.strftime("%Y-%m-%d %H:%M UTC").to_string()
}

/// `45 min`, `3 h 10 min`, `2 days 4 h`.
fn human(d: SignedDuration) -> String {
    let mins = d.as_secs().max(0) / 60;
    let (days, hours, mins) = (mins / 1440, (mins / 60) % 24, mins % 60);
    match (days, hours) {
        (0, 0) => format!("{mins} min"),
        (0, h) => format!("{h} h {mins} min"),
        (1, h) => format!("1 day {h} h"),
        (d, h) => format!("{d} days {h} h"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::facts::testing::{now, run};
    use super::*;
    use crate::ecosystem::Ecosystem;
    use crate::policy::{Layered, Policy};

    fn pkg(published: Option<&str>) -> Package {
        let mut p = Package::new(Ecosystem::PyPI, "fresh", Some("1.0"));
        p.facts.published = published.map(str::to_string);
        p
    }

    fn ago(hours: i64) -> String {
        (now() - SignedDuration::from_hours(hours)).to_string()
    }

    #[test]
    fn cooldown_from_the_policy() {
        let (codes, _, sink) = run(&ReleaseAgeCheck, &pkg(Some(&ago(1))), false, None);
        assert_eq!(codes, [codes::RELEASE_TOO_NEW]);
        let f = &sink.findings[0];
        assert!(f.summary.contains("1 h 0 min ago"), "{}", f.summary);
        let d = f.detail.as_deref().unwrap_or("");
        assert!(
            d.contains("2026-06-01 11:00 UTC") && d.contains("2026-06-03 11:00 UTC"),
            "{d}"
        );
        assert!(d.contains("in 1 day 23 h"), "{d}");
        assert!(
            run(&ReleaseAgeCheck, &pkg(Some(&ago(49))), true, None)
                .0
                .is_empty()
        );
        let mut policy = Policy {
            release_age_hours: Layered::built_in(72),
            ..Policy::default()
        };
        let (codes, _, _) = run(&ReleaseAgeCheck, &pkg(Some(&ago(49))), true, Some(&policy));
        assert_eq!(codes, [codes::RELEASE_TOO_NEW]);
        policy.release_age_hours = Layered::built_in(0);
        assert!(
            run(&ReleaseAgeCheck, &pkg(Some(&ago(0))), true, Some(&policy))
                .0
                .is_empty()
        );
        // From the future: still too new.
        let (codes, _, _) = run(&ReleaseAgeCheck, &pkg(Some(&ago(-3))), true, None);
        assert_eq!(codes, [codes::RELEASE_TOO_NEW]);
    }

    #[test]
    fn registry_formats_parse() {
        for t in [
            "2020-01-01T00:00:00.000Z",
            "2024-05-01T00:00:00.123456Z",
            "2025-09-15T15:47:07Z",
        ] {
            assert!(
                run(&ReleaseAgeCheck, &pkg(Some(t)), true, None)
                    .0
                    .is_empty(),
                "{t}"
            );
        }
        let (codes, _, _) = run(&ReleaseAgeCheck, &pkg(Some("yesterday")), false, None);
        assert_eq!(codes, [codes::RELEASE_AGE_UNKNOWN]);
    }

    #[test]
    fn absent_time_depends_on_the_mode() {
        let (codes, errors, _) = run(&ReleaseAgeCheck, &pkg(None), false, None);
        assert!(codes.is_empty() && errors.is_empty());
        let (codes, errors, _) = run(&ReleaseAgeCheck, &pkg(None), true, None);
        assert_eq!(codes, [codes::RELEASE_AGE_UNKNOWN]);
        assert!(errors.is_empty());
        let mut p = pkg(None);
        p.facts.unavailable = Some("not in the cache and --offline".into());
        let (codes, errors, _) = run(&ReleaseAgeCheck, &p, true, None);
        assert!(codes.is_empty());
        assert!(errors[0].contains("--offline"), "{errors:?}");
    }
}
