"""Outputs: bytes for the site: images, pictures, attachments, feeds, iCalendar, HTML clean-up."""
