//! A wheel's `METADATA` without downloading the wheel: HTTP range requests
//! for the zip's tail (end of central directory), the central directory, and
//! the one member, then inflate. Used when an index serves no PEP 658
//! `.metadata` file. Every read is bounded; anything unexpected (zip64, no
//! range support, odd compression) is "unknown", never a guess.

use std::io::Read;

use super::fetch::{FetchError, Fetcher, Request};

const TAIL: u64 = 64 * 1024;
const MAX_CD: u64 = 8 << 20;
const MAX_METADATA: u64 = 4 << 20;
const IMMUTABLE: std::time::Duration = std::time::Duration::from_secs(30 * 24 * 3600);

fn u16_at(b: &[u8], i: usize) -> Option<u64> {
    Some(u64::from(u16::from_le_bytes(
        b.get(i..i + 2)?.try_into().ok()?,
    )))
}

fn u32_at(b: &[u8], i: usize) -> Option<u64> {
    Some(u64::from(u32::from_le_bytes(
        b.get(i..i + 4)?.try_into().ok()?,
    )))
}

async fn range(
    f: &Fetcher,
    url: &str,
    spec: &str,
    limit: u64,
) -> Result<std::sync::Arc<Vec<u8>>, FetchError> {
    f.get(&Request {
        url,
        accept: "*/*",
        authorization: None,
        range: Some(spec),
        ttl: IMMUTABLE,
        limit,
    })
    .await
}

/// One central-directory entry.
struct Member {
    method: u64,
    compressed: u64,
    size: u64,
    offset: u64,
}

/// Finds `<name>.dist-info/METADATA` in a central directory.
fn find_metadata(cd: &[u8]) -> Option<Member> {
    let mut i = 0;
    while u32_at(cd, i)? == 0x0201_4b50 {
        let (n, e, c) = (
            u16_at(cd, i + 28)?,
            u16_at(cd, i + 30)?,
            u16_at(cd, i + 32)?,
        );
        let name = cd.get(i + 46..i + 46 + n as usize)?;
        let name = std::str::from_utf8(name).ok()?;
        if let Some((dir, "METADATA")) = name.split_once('/')
            && dir.ends_with(".dist-info")
        {
            return Some(Member {
                method: u16_at(cd, i + 10)?,
                compressed: u32_at(cd, i + 20)?,
                size: u32_at(cd, i + 24)?,
                offset: u32_at(cd, i + 42)?,
            });
        }
        i += 46 + (n + e + c) as usize;
    }
    None
}

/// The `METADATA` text of the wheel at `url`; `Ok(None)` when it cannot be read this way.
pub async fn metadata(f: &Fetcher, url: &str) -> Result<Option<String>, FetchError> {
    let url = url.split('#').next().unwrap_or(url);
    let tail = match range(f, url, &format!("bytes=-{TAIL}"), TAIL).await {
        Ok(t) => t,
        // A server that ignores ranges sends the whole wheel: over the cap.
        Err(FetchError::Http(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    let Some(eocd) = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| u32_at(&tail, i) == Some(0x0605_4b50))
    else {
        return Ok(None);
    };
    let (Some(cd_size), Some(cd_offset)) = (u32_at(&tail, eocd + 12), u32_at(&tail, eocd + 16))
    else {
        return Ok(None);
    };
    if cd_offset == 0xFFFF_FFFF || cd_size > MAX_CD {
        return Ok(None);
    }
    // Absolute offset of the tail's first byte.
    let Some(tail_start) = (cd_offset + cd_size).checked_sub(eocd as u64) else {
        return Ok(None);
    };
    let cd: Vec<u8> = if cd_offset >= tail_start {
        let s = (cd_offset - tail_start) as usize;
        tail.get(s..s + cd_size as usize)
            .map(<[u8]>::to_vec)
            .unwrap_or_default()
    } else {
        let spec = format!("bytes={cd_offset}-{}", cd_offset + cd_size - 1);
        range(f, url, &spec, cd_size).await?.to_vec()
    };
    let Some(m) = find_metadata(&cd) else {
        return Ok(None);
    };
    if m.size > MAX_METADATA || m.compressed > MAX_METADATA || !(m.method == 0 || m.method == 8) {
        return Ok(None);
    }
    // Local header (30 bytes + name + extra) then the data; allow 1 KiB of name/extra.
    let want = 30 + 1024 + m.compressed;
    let spec = format!("bytes={}-{}", m.offset, m.offset + want - 1);
    let local = range(f, url, &spec, want).await?;
    let (Some(n), Some(e)) = (u16_at(&local, 26), u16_at(&local, 28)) else {
        return Ok(None);
    };
    let start = 30 + (n + e) as usize;
    let Some(data) = local.get(start..start + m.compressed as usize) else {
        return Ok(None);
    };
    let mut text = String::new();
    let ok = if m.method == 8 {
        flate2::read::DeflateDecoder::new(data)
            .take(MAX_METADATA)
            .read_to_string(&mut text)
            .is_ok()
    } else {
        std::str::from_utf8(data).map(|s| text.push_str(s)).is_ok()
    };
    Ok(ok.then_some(text))
}
