//! A UTF-8 byte-order mark at the start of a leads file is not data (spreadsheet
//! programs write one). This reader drops it even when the input arrives a byte at a time.

use std::io::{self, Read};

const BOM: &[u8] = b"\xef\xbb\xbf";

/// Wraps a reader and drops a leading BOM.
pub(super) struct SkipBom<R> {
    inner: R,
    /// The first bytes, read ahead to look for the BOM, not yet handed out.
    head: Vec<u8>,
    checked: bool,
}

impl<R: Read> SkipBom<R> {
    pub(super) fn new(inner: R) -> SkipBom<R> {
        SkipBom {
            inner,
            head: Vec::new(),
            checked: false,
        }
    }

    /// Drops every leading BOM (a file saved twice by a spreadsheet can start with two;
    /// the csv crate would drop one more only when its first read happens to hold it
    /// whole, so leaving any would make results depend on read sizes).
    fn check(&mut self) -> io::Result<()> {
        loop {
            self.fill_head()?;
            if self.head != BOM {
                break;
            }
            self.head.clear();
        }
        self.checked = true;
        Ok(())
    }

    fn fill_head(&mut self) -> io::Result<()> {
        let mut buffer = [0u8; 3];
        while self.head.len() < BOM.len() {
            let want = BOM.len() - self.head.len();
            let read = self
                .inner
                .read(buffer.get_mut(..want).unwrap_or_default())?;
            if read == 0 {
                break;
            }
            self.head
                .extend_from_slice(buffer.get(..read).unwrap_or_default());
            if !BOM.starts_with(&self.head) {
                break;
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for SkipBom<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if !self.checked {
            self.check()?;
        }
        if self.head.is_empty() {
            return self.inner.read(buf);
        }
        let count = self.head.len().min(buf.len());
        if let (Some(target), Some(source)) = (buf.get_mut(..count), self.head.get(..count)) {
            target.copy_from_slice(source);
        }
        self.head.drain(..count);
        Ok(count)
    }
}

#[cfg(test)]
mod tests;
