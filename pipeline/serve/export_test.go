package serve

// CheckersHeld returns how many checkers h keeps.
func CheckersHeld(h *Handler) int {
	held, _ := h.checkers.stats()
	return held
}
