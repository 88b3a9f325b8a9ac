//! Engine-wide settings: the enabled Wasm features, the resource limits
//! (fuel, call depth, value stack, memory pages, table size) and how
//! function bodies are translated ([`Translation`]).

use std::sync::Arc;
use wasmparser::WasmFeatures;

/// Settings shared by every module and store made from one [`Engine`].
#[derive(Debug, Clone)]
pub struct Config {
    pub(crate) features: WasmFeatures,
    pub(crate) fuel: Option<u64>,
    pub(crate) max_call_depth: usize,
    pub(crate) max_value_stack: usize,
    pub(crate) max_memory_pages: u64,
    pub(crate) max_table_elements: u64,
    pub(crate) translation: Translation,
}

/// How [`Module::new`](crate::Module::new) translates each function body
/// into the operations the interpreter runs. Both modes run every module
/// the same way, bit for bit; they differ in speed and in how much code
/// stands between a Wasm instruction and its effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Translation {
    /// The fast form (the default): instructions fused in translation, the
    /// peephole passes of lowering, and register shortcuts (64-bit copies
    /// in functions without references or `v128`, memory-0 accesses with
    /// the memory in registers, locals left unzeroed where every path sets
    /// them first).
    #[default]
    Optimized,
    /// The simplest form: one operation per instruction (a copy per
    /// `local.get`/`local.set`, a constant per `*.const`, one arithmetic
    /// operation per instruction on its stack slots), no fusion, no
    /// peephole pass, every copy and constant a whole slot, every memory
    /// access through the stack-form access code, calls and returns
    /// through the general loop (which zeroes every local). Slower, and obviously right: the optimized form is
    /// checked against it (the spec scripts run in both; the `modes` fuzz
    /// target compares them).
    Plain,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            features: Config::supported_features(),
            fuel: None,
            max_call_depth: 20_000,
            max_value_stack: 1 << 20,
            max_memory_pages: 65_536,
            max_table_elements: 10_000_000,
            translation: Translation::Optimized,
        }
    }
}

impl Config {
    /// Wasm 2.0 plus the proposals this interpreter executes (all of 3.0
    /// except threads, plus wide arithmetic and custom page sizes).
    pub fn supported_features() -> WasmFeatures {
        WasmFeatures::WASM2
            | WasmFeatures::GC
            | WasmFeatures::FUNCTION_REFERENCES
            | WasmFeatures::TAIL_CALL
            | WasmFeatures::EXTENDED_CONST
            | WasmFeatures::MULTI_MEMORY
            | WasmFeatures::WIDE_ARITHMETIC
            | WasmFeatures::MEMORY64
            | WasmFeatures::CUSTOM_PAGE_SIZES
            | WasmFeatures::EXCEPTIONS
            | WasmFeatures::RELAXED_SIMD
    }

    /// The Wasm features modules may use (validation rejects the others).
    pub fn features(&mut self, features: WasmFeatures) -> &mut Self {
        self.features = features;
        self
    }

    /// The instruction budget every new store starts with; `None` (the
    /// default) is unlimited. Running out traps with
    /// [`TrapKind::OutOfFuel`](crate::TrapKind::OutOfFuel).
    pub fn fuel(&mut self, fuel: Option<u64>) -> &mut Self {
        self.fuel = fuel;
        self
    }

    /// The deepest Wasm call nesting before
    /// [`TrapKind::CallStackExhausted`](crate::TrapKind::CallStackExhausted).
    pub fn max_call_depth(&mut self, depth: usize) -> &mut Self {
        self.max_call_depth = depth;
        self
    }

    /// The most value-stack slots (locals and operands of all frames).
    pub fn max_value_stack(&mut self, slots: usize) -> &mut Self {
        self.max_value_stack = slots;
        self
    }

    /// The most memory any memory may have, in 64 KiB pages (declared
    /// maxima still apply; memories never exceed 4 GiB).
    pub fn max_memory_pages(&mut self, pages: u64) -> &mut Self {
        self.max_memory_pages = pages;
        self
    }

    /// The most elements any table may have (declared maxima still apply).
    pub fn max_table_elements(&mut self, elements: u64) -> &mut Self {
        self.max_table_elements = elements;
        self
    }

    /// How function bodies are translated; [`Translation::Optimized`]
    /// unless set. The choice is made once per function, when the module
    /// is compiled: running code never tests it.
    pub fn translation(&mut self, translation: Translation) -> &mut Self {
        self.translation = translation;
        self
    }
}

/// The compilation context: a [`Config`] shared by modules and stores.
#[derive(Debug, Clone, Default)]
pub struct Engine {
    config: Arc<Config>,
}

impl Engine {
    /// An engine with the given settings.
    pub fn new(config: &Config) -> Self {
        Engine {
            config: Arc::new(config.clone()),
        }
    }

    /// The engine's settings.
    pub fn config(&self) -> &Config {
        &self.config
    }
}
