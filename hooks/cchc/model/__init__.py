"""Model: the content's meaning: the collection of posts, progress, deadlines, calendars, portal quota."""
