//! path_open_std_name_max: a file name of 255 bytes (NAME_MAX on the hosts'
//! file systems) can be created, listed and read back; one of 256 bytes is
//! ENAMETOOLONG (POSIX open: "The length of a component of a pathname is
//! longer than {NAME_MAX}").
fn main() {
    let ok = format!("fs.dir/{}", "n".repeat(255));
    std::fs::write(&ok, "long\n").unwrap();
    print!("255 bytes: {}", std::fs::read_to_string(&ok).unwrap());
    let listed = std::fs::read_dir("fs.dir").unwrap().filter(|e| e.as_ref().unwrap().file_name().len() == 255).count();
    println!("listed: {listed}");
    match std::fs::write(format!("fs.dir/{}", "n".repeat(256)), "x") {
        Ok(()) => println!("256 bytes: ok"),
        Err(e) => println!("256 bytes: {}", match e.raw_os_error() { Some(37) => "ENAMETOOLONG", _ => "another error" }),
    }
}
