//! Bounds-checked views of the guest's linear memory. Every pointer and
//! length the guest passes is checked here against the memory's current
//! size before anything is read, written or allocated; an out-of-bounds
//! pointer ends the run with a host trap (the choice wasmtime makes), never
//! an `EFAULT` and never a host allocation sized by the guest.

use crate::Trap;
use std::ops::Range;

/// A guest pointer or length outside the memory: the host trap's error.
#[derive(Debug, thiserror::Error)]
#[error("pointer out of bounds: {len} bytes at {ptr:#x} in a memory of {memory} bytes")]
pub struct GuestPointerError {
    /// The guest address.
    pub ptr: u64,
    /// The byte count at that address.
    pub len: u64,
    /// The memory's size in bytes.
    pub memory: u64,
}

/// The caller's memory for the length of one host call.
pub(crate) struct GuestMemory<'a> {
    bytes: &'a mut [u8],
}

impl<'a> GuestMemory<'a> {
    pub(crate) fn new(bytes: &'a mut [u8]) -> Self {
        GuestMemory { bytes }
    }

    /// The byte range `ptr..ptr+len`, or a trap if any of it lies outside.
    pub(crate) fn range(&self, ptr: u32, len: u64) -> Result<Range<usize>, Trap> {
        let start = ptr as u64;
        match start.checked_add(len) {
            Some(end) if end <= self.bytes.len() as u64 => Ok(start as usize..end as usize),
            _ => Err(Trap::host(GuestPointerError {
                ptr: start,
                len,
                memory: self.bytes.len() as u64,
            })),
        }
    }

    pub(crate) fn slice(&self, ptr: u32, len: u32) -> Result<&[u8], Trap> {
        let r = self.range(ptr, len as u64)?;
        Ok(&self.bytes[r])
    }

    pub(crate) fn read<const N: usize>(&self, ptr: u32) -> Result<[u8; N], Trap> {
        let r = self.range(ptr, N as u64)?;
        let mut out = [0u8; N];
        out.copy_from_slice(&self.bytes[r]);
        Ok(out)
    }

    pub(crate) fn u8(&self, ptr: u32) -> Result<u8, Trap> {
        Ok(self.read::<1>(ptr)?[0])
    }

    pub(crate) fn u16(&self, ptr: u32) -> Result<u16, Trap> {
        Ok(u16::from_le_bytes(self.read(ptr)?))
    }

    pub(crate) fn u32(&self, ptr: u32) -> Result<u32, Trap> {
        Ok(u32::from_le_bytes(self.read(ptr)?))
    }

    pub(crate) fn u64(&self, ptr: u32) -> Result<u64, Trap> {
        Ok(u64::from_le_bytes(self.read(ptr)?))
    }

    pub(crate) fn write(&mut self, ptr: u32, data: &[u8]) -> Result<(), Trap> {
        let r = self.range(ptr, data.len() as u64)?;
        self.bytes[r].copy_from_slice(data);
        Ok(())
    }

    pub(crate) fn write_u32(&mut self, ptr: u32, v: u32) -> Result<(), Trap> {
        self.write(ptr, &v.to_le_bytes())
    }

    pub(crate) fn write_u64(&mut self, ptr: u32, v: u64) -> Result<(), Trap> {
        self.write(ptr, &v.to_le_bytes())
    }

    /// The `(buf, buf_len)` pairs of an iovec/ciovec array, each checked:
    /// the array itself must lie in memory (so a huge `iovs_len` traps
    /// before anything is done) and so must every buffer it names.
    pub(crate) fn iovecs(&self, iovs: u32, iovs_len: u32) -> Result<Vec<Range<usize>>, Trap> {
        let table = self.range(iovs, iovs_len as u64 * 8)?;
        let mut out = Vec::with_capacity(iovs_len as usize);
        for chunk in self.bytes[table].chunks_exact(8) {
            let ptr = u32::from_le_bytes(chunk[0..4].try_into().unwrap());
            let len = u32::from_le_bytes(chunk[4..8].try_into().unwrap());
            out.push(self.range(ptr, len as u64)?);
        }
        Ok(out)
    }

    pub(crate) fn bytes(&self, r: Range<usize>) -> &[u8] {
        &self.bytes[r]
    }

    pub(crate) fn bytes_mut(&mut self, r: Range<usize>) -> &mut [u8] {
        &mut self.bytes[r]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_checked_without_overflow() {
        let mut mem = vec![0u8; 16];
        let m = GuestMemory::new(&mut mem);
        assert!(m.range(8, 8).is_ok());
        assert!(m.range(9, 8).is_err());
        assert!(m.range(u32::MAX, u64::MAX).is_err());
        // A huge iovec count traps before any allocation of that size.
        assert!(m.iovecs(0, u32::MAX).is_err());
    }
}
