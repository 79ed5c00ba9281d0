package lint

// A StreamStage is a stage that can hand over its findings one at a time
// rather than in one slice (see FindingSink): a driver then keeps each
// finding only once, and a stage with a million findings does not hold a
// second copy of them all. CheckEach reports what Check returns, in the
// same order.
type StreamStage interface {
	Stage
	CheckEach(text string, sink FindingSink)
}
