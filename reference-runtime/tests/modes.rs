//! The optimized translation against the plain one
//! ([`reference_runtime::modes::compare`], the check the `modes` fuzz
//! target runs): hand-written modules that pin down what the comparison
//! compares and sets aside, and a batch of wasm-smith modules. A module on
//! which the fuzz target finds a difference becomes a test here (see
//! `fuzz/README.md`); its first 53 minutes found none.

use arbitrary::Unstructured;
use reference_runtime::Translation;
use reference_runtime::exercise;
use reference_runtime::modes::{Agreement, Step, compare};
use reference_runtime::wast::run_script;

mod support {
    pub mod smith_config;
}
use support::smith_config::{modes_smith_config, pseudo_random_bytes};

/// Runs a script of assertions in both translations (the comparison above
/// cannot see a mistake the two share).
fn assert_script_in_both_translations(script: &str) {
    for translation in [Translation::Optimized, Translation::Plain] {
        let mut config = exercise::config();
        config.translation(translation);
        let report = run_script("modes.wast", script, &config);
        assert!(
            report.is_success(),
            "{translation:?}: {:?} {:?}",
            report.parse_error,
            report.failures()
        );
        assert!(report.passed() > 0, "{translation:?}: no directive ran");
    }
}

fn compare_wat(wat: &str) -> Agreement {
    compare_wat_with_seed(wat, 0)
}

/// Both translations of `wat` compared, with the arguments of `seed`.
fn compare_wat_with_seed(wat: &str, seed: u64) -> Agreement {
    let bytes = wat::parse_str(wat).expect("test module parses");
    match compare(&bytes, &exercise::config(), seed) {
        Ok(agreement) => agreement,
        Err(difference) => panic!("seed {seed}: {difference}"),
    }
}

#[test]
fn every_exported_function_is_called_and_compared() {
    let agreement = compare_wat(
        r#"(module
             (memory (export "m") 1)
             (global $g (export "g") (mut f64) (f64.const 0))
             (table (export "t") 2 funcref)
             (func $f (export "f") (param i32 i64) (result i64)
               (i32.store offset=8 (i32.const 4) (i32.sub (i32.const 0x01020304) (local.get 0)))
               (global.set $g (f64.div (f64.const 1) (f64.const 3)))
               (table.set (i32.const 1) (ref.func $f))
               (i64.add (i64.extend_i32_u (local.get 0)) (i64.const -1)))
             (func (export "trap") (result i32)
               (i32.div_u (i32.const 1) (i32.const 0))))"#,
    );
    assert_eq!(
        agreement,
        Agreement {
            validated: true,
            instantiated: true,
            calls: 2,
            traps: 1,
            set_aside: None,
        }
    );
}

#[test]
fn running_out_of_fuel_sets_the_rest_aside() {
    let agreement = compare_wat(
        r#"(module
             (func (export "first") (result i32) (i32.const 1))
             (func (export "spin") (loop (br 0)))
             (func (export "never") (result i32) (i32.const 2)))"#,
    );
    assert_eq!(agreement.calls, 1);
    assert_eq!(
        agreement.set_aside,
        Some(Step::Call {
            index: 1,
            export: "spin".into()
        })
    );
}

#[test]
fn call_stack_exhaustion_is_compared_not_set_aside() {
    // Recursion without work: the call depth (1,000 in `exercise::config`)
    // runs out long before the fuel.
    let agreement =
        compare_wat(r#"(module (func $r (export "r") (call $r)) (func (export "after")))"#);
    assert_eq!(agreement.calls, 2);
    assert_eq!(agreement.traps, 1);
    assert_eq!(agreement.set_aside, None);
}

#[test]
fn generated_modules_agree_in_both_modes() {
    let config = exercise::config();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let (mut modules, mut calls, mut traps, mut set_aside) = (0, 0, 0, 0);
    for _ in 0..300 {
        let data = pseudo_random_bytes(&mut seed, 4096);
        let mut u = Unstructured::new(&data);
        let Ok(generated) = wasm_smith::Module::new(modes_smith_config(), &mut u) else {
            continue;
        };
        match compare(&generated.to_bytes(), &config, seed) {
            Ok(agreement) => {
                assert!(agreement.validated, "a wasm-smith module was rejected");
                modules += 1;
                calls += agreement.calls;
                traps += agreement.traps;
                set_aside += agreement.set_aside.is_some() as usize;
            }
            Err(difference) => panic!("the translations differ: {difference}"),
        }
    }
    eprintln!(
        "{modules} modules, {calls} calls compared ({traps} trapped), {set_aside} set aside (fuel)"
    );
    assert!(calls > 0, "no generated function was compared");
}

/// The optimized translation's fused forms (a float operation completed by
/// another, multiply-add and its dot-product step, addresses folded into
/// loads) against the plain translation, with zero and seeded arguments: a
/// first `cargo xtask mutants --scope exec` sample found `mul_add` could
/// return 1 and the fusion's operand checks could be turned around with no
/// spec script noticing, since a script calls one operation at a time.
#[test]
fn fused_forms_agree_with_the_plain_translation() {
    let wat = r#"(module
      (memory (export "m") 1)
      (data (i32.const 0) "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10")
      (func (export "mul_add") (param f64 f64 f64) (result f64)
        (f64.add (f64.mul (local.get 0) (local.get 1)) (local.get 2)))
      (func (export "add_mul") (param f64 f64 f64) (result f64)
        (f64.add (local.get 2) (f64.mul (local.get 0) (local.get 1))))
      (func (export "mul_sub") (param f64 f64 f64) (result f64)
        (f64.sub (f64.mul (local.get 0) (local.get 1)) (local.get 2)))
      (func (export "sub_mul") (param f64 f64 f64) (result f64)
        (f64.sub (local.get 2) (f64.mul (local.get 0) (local.get 1))))
      (func (export "div_add") (param f64 f64 f64) (result f64)
        (f64.add (f64.div (local.get 0) (local.get 1)) (local.get 2)))
      (func (export "f32_mul_add") (param f32 f32 f32) (result f32)
        (f32.add (f32.mul (local.get 0) (local.get 1)) (local.get 2)))
      (func (export "f32_sub_div") (param f32 f32 f32) (result f32)
        (f32.sub (local.get 2) (f32.div (local.get 0) (local.get 1))))
      (func (export "mul_add_add") (param f64 f64 f64 f64) (result f64)
        (f64.add (f64.add (f64.mul (local.get 0) (local.get 1)) (local.get 2)) (local.get 3)))
      (func (export "mul_add_add_right") (param f64 f64 f64 f64) (result f64)
        (f64.add (local.get 3) (f64.add (f64.mul (local.get 0) (local.get 1)) (local.get 2))))
      (func (export "dot") (param f64 f64 f64 f64 f64) (result f64)
        (f64.add (f64.add (f64.mul (local.get 0) (local.get 1)) (local.get 4))
                 (f64.mul (local.get 2) (local.get 3))))
      (func (export "dot_loop") (param $n i32) (param $x f64) (result f64)
        (local $acc f64) (local $i i32)
        (local.set $i (i32.and (local.get $n) (i32.const 7)))
        (block $done
          (loop $again
            (br_if $done (i32.eqz (local.get $i)))
            (local.set $acc (f64.add (local.get $acc)
              (f64.mul (local.get $x) (f64.convert_i32_u (local.get $i)))))
            (local.set $i (i32.sub (local.get $i) (i32.const 1)))
            (br $again)))
        (local.get $acc))
      (func (export "load_offset") (param i32) (result i64)
        (i64.add
          (i64.extend_i32_u (i32.load offset=4 (i32.and (i32.add (local.get 0) (i32.const 3)) (i32.const 7))))
          (i64.load offset=2 (i32.and (local.get 0) (i32.const 7))))))"#;
    assert_script_in_both_translations(&format!(
        r#"{wat}
        (assert_return (invoke "mul_add" (f64.const 2) (f64.const 3) (f64.const 0.5)) (f64.const 6.5))
        (assert_return (invoke "add_mul" (f64.const 2) (f64.const 3) (f64.const 0.5)) (f64.const 6.5))
        (assert_return (invoke "mul_sub" (f64.const 2) (f64.const 3) (f64.const 0.5)) (f64.const 5.5))
        (assert_return (invoke "sub_mul" (f64.const 2) (f64.const 3) (f64.const 0.5)) (f64.const -5.5))
        (assert_return (invoke "div_add" (f64.const 3) (f64.const 2) (f64.const 0.25)) (f64.const 1.75))
        (assert_return (invoke "f32_mul_add" (f32.const 2) (f32.const 3) (f32.const 0.5)) (f32.const 6.5))
        (assert_return (invoke "f32_sub_div" (f32.const 3) (f32.const 2) (f32.const 0.25)) (f32.const -1.25))
        (assert_return (invoke "mul_add_add" (f64.const 2) (f64.const 3) (f64.const 0.5) (f64.const 4)) (f64.const 10.5))
        (assert_return (invoke "mul_add_add_right" (f64.const 2) (f64.const 3) (f64.const 0.5) (f64.const 4)) (f64.const 10.5))
        (assert_return (invoke "dot" (f64.const 2) (f64.const 3) (f64.const 4) (f64.const 5) (f64.const 1)) (f64.const 27))
        (assert_return (invoke "dot_loop" (i32.const 3) (f64.const 2)) (f64.const 12))
        (assert_return (invoke "load_offset" (i32.const 1)) (i64.const 0x0b0a090813110f0d))"#
    ));
    for seed in 0..16 {
        let agreement = compare_wat_with_seed(wat, seed);
        assert_eq!(agreement.calls, 12, "seed {seed}: {agreement:?}");
    }
}

const BRANCHES_ON_NULL: &str = r#"(module
             (elem declare func $on_non_null)
             (func $on_non_null (export "on_non_null") (result i32)
               (call $non_null (i32.const 1)))
             (func $non_null (param i32) (result i32)
               (block $l (result (ref func))
                 (i32.const 7)
                 (br_on_non_null $l
                   (select (result funcref) (ref.func $on_non_null) (ref.null func) (local.get 0)))
                 (drop)
                 (return (i32.const 10)))
               (drop)
               (i32.const 11))
             (func (export "on_non_null_null") (result i32)
               (call $non_null (i32.const 0)))
             (func $null (param i32) (result i32)
               (block $l (result i32)
                 (i32.const 7)
                 (i32.const 8)
                 (br_on_null $l
                   (select (result funcref) (ref.func $on_non_null) (ref.null func) (local.get 0)))
                 (drop)
                 (i32.add)
                 (return))
               (i32.const 100)
               (i32.add))
             (func (export "on_null") (result i32) (call $null (i32.const 0)))
             (func (export "on_null_non_null") (result i32) (call $null (i32.const 1))))"#;

/// `br_on_null` and `br_on_non_null` with values under the reference to
/// drop when they branch (lowered as a branch with moves, apart from the
/// plain form): the condition must be read from its own slot.
#[test]
fn branches_on_null_that_drop_values_agree_with_the_plain_translation() {
    let agreement = compare_wat(BRANCHES_ON_NULL);
    assert_eq!(agreement.calls, 4, "{agreement:?}");
    assert_eq!(agreement.traps, 0, "{agreement:?}");
    assert_script_in_both_translations(&format!(
        r#"{BRANCHES_ON_NULL}
        (assert_return (invoke "on_non_null") (i32.const 11))
        (assert_return (invoke "on_non_null_null") (i32.const 10))
        (assert_return (invoke "on_null") (i32.const 108))
        (assert_return (invoke "on_null_non_null") (i32.const 15))"#
    ));
}

const PEEPHOLE_PATTERNS: &str = r#"(module
  (memory 1)
  (func (export "store_sum") (param $a i32) (param $b i32) (param $p i32) (result i32)
    (i32.store (local.get $p) (i32.add (local.get $a) (local.get $b)))
    (i32.load (local.get $p)))
  (func (export "store_sum64") (param $a i64) (param $b i64) (param $p i32) (result i64)
    (i64.store (local.get $p) (i64.add (local.get $a) (local.get $b)))
    (i64.load (local.get $p)))
  (func (export "store_at_sum") (param $a i32) (param $v i32) (result i32)
    (i32.store (i32.add (local.get $a) (i32.const 16)) (local.get $v))
    (i32.load (i32.const 24)))
  (func (export "store_const_addr") (param $a i32) (result i32)
    (i32.store (i32.const 32) (i32.mul (local.get $a) (i32.const 3)))
    (i64.store (i32.const 40) (i64.extend_i32_u (local.get $a)))
    (i32.add (i32.load (i32.const 32)) (i32.wrap_i64 (i64.load (i32.const 40)))))
  (func (export "store_address_itself") (result i32) (local $x i32)
    (local.set $x (i32.const 48))
    (i32.store (local.get $x) (local.get $x))
    (i32.load (i32.const 48)))
  (func (export "forward_local") (param $y i32) (result i32) (local $x i32)
    (local.set $x (local.get $y))
    (i32.add (local.get $x) (i32.const 1))
    (local.set $y (i32.const 100))
    (i32.add (local.get $x)))
  (func (export "forward_const") (result i32) (local $x i32)
    (local.set $x (i32.const 7))
    (i32.add (local.get $x) (i32.const 1))
    (local.set $x (i32.const 100))
    (i32.add (local.get $x)))
  (func (export "table_temp") (param $i i32) (param $a i32) (result i32)
    (block $d (result i32)
      (block $b1 (result i32)
        (block $b0 (result i32)
          (i32.mul (local.get $a) (i32.const 10))
          (local.get $i)
          (br_table $b0 $b1 $d))
        (return (i32.add (i32.const 1))))
      (return (i32.add (i32.const 2))))
    (i32.add (i32.const 3))))"#;

/// The register form's peepholes (a store fused with the operation that
/// computes its address, copies and constants forwarded into the next
/// operation, liveness across a branch table's default) on patterns a spec
/// script's one-operation functions do not build, with their values.
#[test]
fn peephole_forms_compute_their_values_in_both_translations() {
    let agreement = compare_wat(PEEPHOLE_PATTERNS);
    assert_eq!(agreement.calls, 8, "{agreement:?}");
    assert_script_in_both_translations(&format!(
        r#"{PEEPHOLE_PATTERNS}
        (assert_return (invoke "store_sum" (i32.const 3) (i32.const 4) (i32.const 64)) (i32.const 7))
        (assert_return (invoke "store_sum64" (i64.const 3) (i64.const 4) (i32.const 72)) (i64.const 7))
        (assert_return (invoke "store_at_sum" (i32.const 8) (i32.const 9)) (i32.const 9))
        (assert_return (invoke "store_const_addr" (i32.const 5)) (i32.const 20))
        (assert_return (invoke "store_address_itself") (i32.const 48))
        (assert_return (invoke "forward_local" (i32.const 5)) (i32.const 11))
        (assert_return (invoke "forward_const") (i32.const 108))
        (assert_return (invoke "table_temp" (i32.const 0) (i32.const 4)) (i32.const 41))
        (assert_return (invoke "table_temp" (i32.const 1) (i32.const 4)) (i32.const 42))
        (assert_return (invoke "table_temp" (i32.const 5) (i32.const 4)) (i32.const 43))"#
    ));
}
