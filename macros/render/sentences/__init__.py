"""The sentences that the site and the PDFs both show, each written once: plain text over the model.

A sentence is a str when it is text alone, or a Mening (mening.py) when part of it is a name the site links, the
handbook's marker or bold. render/ writes either as Markdown (Kontext.md: text escaped, names as links, markers as
links to the reasons); pdf/ hands it to Typst as plain text (mening.plain). A rewrite of one of these sentences is
made here, in the module of its subject, and reaches every page and PDF that shows it. Counts and names come from
the model, never from the text: "de tre nivåerna" is styrning.nivaerna(h).
"""
