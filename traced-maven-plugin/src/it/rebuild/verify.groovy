// Each build's tests pinned exact span trees (one span per call: neither unwoven nor woven twice).
// The plugin's lines, build by build: all woven; after the edit the recompiled classes (javac
// recompiles the module) woven once more, with the new method; with nothing changed, nothing woven.
def log = new File(basedir, 'build.log').text
def lines = log.readLines().findAll { it.contains('Traced: ') }.collect { it.replaceFirst(/^\[INFO\] /, '') }
assert lines == [
    'Traced: wove 3 classes, 5 methods (0 classes already woven) in target/classes',
    'Traced: wove 1 classes, 1 methods (0 classes already woven) in target/test-classes',
    'Traced: wove 3 classes, 6 methods (0 classes already woven) in target/classes',
    'Traced: nothing to weave (3 classes already woven) in target/classes',
]
assert log.readLines().count { it.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time') } == 2
return true
