//! environ_std_var_lookup: `std::env::var` for a present, an empty and a
//! missing variable (NotPresent); names are case-sensitive. std reads the
//! environment once through environ_sizes_get / environ_get.
fn main() {
    for name in ["HOME_DIR", "EMPTY", "MISSING", "home_dir"] {
        match std::env::var(name) {
            Ok(v) => println!("{name}: {v:?}"),
            Err(e) => println!("{name}: {e:?}"),
        }
    }
}
