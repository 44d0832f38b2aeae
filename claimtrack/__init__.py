"""claimtrack: who said what in the news - quotes and reported claims with their speakers, sources
and character offsets, stored in a database and linked into a speaker-claim graph."""

from .api import Tracker, extract
from .domain import Claim, ClaimKind, Conflict, Document, EntityType, Mention, Sentence, Span, Speaker, Word
from .readers import Metadata

__all__ = [
    "Claim", "ClaimKind", "Conflict", "Document", "EntityType", "Mention", "Metadata", "Sentence", "Span",
    "Speaker", "Tracker", "Word", "extract",
]
