fn main() {
    quire::start();
}
