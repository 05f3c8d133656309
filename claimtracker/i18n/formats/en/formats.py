# English as the site has always written dates: "3 December 2026" (Django's default is
# "Dec. 3, 2026"). Templates use DATE_FORMAT so each language writes dates its own way; every
# other format comes from Django's English module, which Django reads after this one.
DATE_FORMAT = "j F Y"
