//! Errors of loading suites and expectations: each says which file, and
//! where in it when the file is malformed.

use std::path::PathBuf;

/// A suite, case or expectation file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SuiteError {
    /// A directory or file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A suite directory that does not exist.
    #[error("{}: suite directory does not exist", path.display())]
    MissingDir {
        /// The path.
        path: PathBuf,
    },
    /// A case `.json` that does not parse.
    #[error("{}:{line}:{column}: malformed case: {message}", path.display())]
    MalformedCase {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A case names a fixture dir that is not there.
    #[error("{}: dir `{dir}` does not exist beside the case", path.display())]
    MissingFixture {
        /// The case file.
        path: PathBuf,
        /// The dir it names.
        dir: String,
    },
    /// An expectations or runtimes TOML file that does not parse.
    #[error("{}: {message}", path.display())]
    MalformedToml {
        /// The file.
        path: PathBuf,
        /// What is wrong, with its line.
        message: String,
    },
    /// A stale case needs a compiler that does not run here.
    #[error("the {toolchain} toolchain is missing: {detail}; {hint}")]
    MissingCompiler {
        /// The toolchain's name.
        toolchain: &'static str,
        /// Which case needs it and what failed.
        detail: String,
        /// How to install it.
        hint: &'static str,
    },
    /// Building a case failed.
    #[error("building {}: {message}", path.display())]
    Build {
        /// The source.
        path: PathBuf,
        /// What failed.
        message: String,
    },
}

impl SuiteError {
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> SuiteError {
        let path = path.into();
        move |source| SuiteError::Io { path, source }
    }

    pub(crate) fn toml(path: impl Into<PathBuf>, err: toml::de::Error) -> SuiteError {
        SuiteError::MalformedToml {
            path: path.into(),
            message: err.to_string().trim_end().replace('\n', " "),
        }
    }
}
