//! random_std_hashmap: `HashMap::new()` seeds its hasher from `random_get`
//! (std panics if it fails); the map then works. The seed itself is not
//! printed, only that two seeded hashers of the same key are consistent.
use std::collections::HashMap;
fn main() {
    let mut m = HashMap::new();
    for i in 0..1000u32 {
        m.insert(format!("key{i}"), i);
    }
    let found = (0..1000u32).filter(|i| m.get(&format!("key{i}")) == Some(i)).count();
    println!("inserted: {}, found: {found}", m.len());
}
