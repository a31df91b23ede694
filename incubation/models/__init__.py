from incubation.models.applications import (
    Application,
    ApplicationDocument,
    ApplicationEvent,
    DataDeletionRequest,
    DecisionBatch,
    DecisionReason,
    DecisionTemplate,
    IneligibleReason,
    SalesChannel,
    Status,
)
from incubation.models.reviews import JuryAssignment, Review, Score
from incubation.models.rounds import (
    DocumentKind,
    ProductCategory,
    RequiredDocument,
    RoundCategory,
    RoundPage,
    RubricCriterion,
)

__all__ = [
    "Application",
    "ApplicationDocument",
    "ApplicationEvent",
    "DataDeletionRequest",
    "DecisionBatch",
    "DecisionReason",
    "DecisionTemplate",
    "DocumentKind",
    "IneligibleReason",
    "JuryAssignment",
    "ProductCategory",
    "RequiredDocument",
    "Review",
    "RoundCategory",
    "RoundPage",
    "RubricCriterion",
    "SalesChannel",
    "Score",
    "Status",
]
