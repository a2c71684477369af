fn main() {
    soramic_il_calculator::start();
}
