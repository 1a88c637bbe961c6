// The build passed, its tests asserted exact span trees; here: the weaving was reported once per
// folder, no AspectJ lint reached the log, and the class files are of the release the build used.
def log = new File(basedir, 'build.log').text
assert log.contains('Traced: wove 3 classes, 5 methods (0 classes already woven) in target/classes') : 'main classes not reported woven'
assert log.contains('Traced: wove 1 classes, 1 methods (0 classes already woven) in target/test-classes') : 'test classes not reported woven'
assert !log.contains('Xlint') : 'AspectJ lint in the build log'
assert log.contains('Tests run: 2, Failures: 0, Errors: 0')

def major = { String path ->
  new File(basedir, path).withDataInputStream { it.readInt(); it.readUnsignedShort(); it.readUnsignedShort() }
}
int expected = 44 + Integer.parseInt(release)
assert major('target/classes/com/example/Shop.class') == expected
assert major('target/classes/com/example/Shop$Money.class') == expected
return true
