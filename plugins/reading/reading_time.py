"""How long an entry takes to read: plain numbers in, whole minutes out."""


def reading_minutes(words: int, words_per_minute: int) -> int:
    """The minutes `words` words take at `words_per_minute`, rounded to the
    nearest whole minute (a half rounds up), and at least 1."""
    return max(1, (2 * words + words_per_minute) // (2 * words_per_minute))
