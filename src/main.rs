fn main() {
    fmc_ext::mount_popup();
}
