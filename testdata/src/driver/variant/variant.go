// Package variant declares, in a _test.go file, a type that its external
// test uses: the facts about it belong to the test variant of the package
// ("driver/variant [driver/variant.test]"), which the external test
// imports, and not to the package itself, where the type does not exist.
package variant

// N is all that the package itself declares.
const N = 1
