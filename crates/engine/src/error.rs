//! The engine's one error type: opaque, with a clear message and a `source()`.

use std::fmt;

/// What kind of input was wrong: callers tell errors apart by this, never
/// by their message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The bytes are not a Quire index (wrong magic bytes).
    NotAnIndex,
    /// An index of another format version: build it again.
    Version,
    /// Index bytes that are damaged, truncated or inconsistent.
    Corrupt,
    /// A file that cannot be read as text: not UTF-8, or binary.
    Encoding,
    /// Malformed input: front matter, a JSON line, a date.
    Parse,
    /// Input past a limit set to keep the build safe (front-matter size,
    /// depth, expanded YAML aliases).
    Limit,
    /// Two documents with one id.
    DuplicateId,
    /// A file of a format Quire does not read.
    Unsupported,
}

/// An error from ingesting a document or decoding an index.
///
/// Search, highlighting and comparison never fail; only reading input can.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    line: Option<usize>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            line: None,
            source: None,
        }
    }

    /// What kind of input was wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub(crate) fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub(crate) fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// The message and its cause, without the line number.
    pub fn message(&self) -> String {
        match &self.source {
            Some(source) => format!("{}: {source}", self.message),
            None => self.message.clone(),
        }
    }

    /// The 1-based line of the input the error refers to, when there is one.
    pub fn line(&self) -> Option<usize> {
        self.line
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        f.write_str(&self.message())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_the_line_and_the_cause() {
        let cause = std::io::Error::other("bad byte");
        let err = Error::new(ErrorKind::Parse, "front matter is not valid TOML")
            .at_line(3)
            .with_source(cause);
        assert_eq!(err.to_string(), "line 3: front matter is not valid TOML: bad byte");
        assert!(std::error::Error::source(&err).is_some());
        assert_eq!(err.line(), Some(3));
        assert_eq!(err.kind(), ErrorKind::Parse);
    }
}
