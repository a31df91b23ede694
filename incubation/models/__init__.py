from incubation.models.applications import (
    PASSED_SCREENING,
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
from incubation.models.assignments import SubmissionFile
from incubation.models.cohorts import Cohort, Enrollment
from incubation.models.courses import (
    AssignmentSubmission,
    CourseApprovalTask,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    LessonProgress,
    ModulePage,
)
from incubation.models.graduation import Certificate, EnrollmentEvent
from incubation.models.mentoring import Attendance, MentoringSession
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
    "AssignmentSubmission",
    "Certificate",
    "EnrollmentEvent",
    "Attendance",
    "Cohort",
    "CourseApprovalTask",
    "CourseIndexPage",
    "CoursePage",
    "Enrollment",
    "LessonPage",
    "LessonProgress",
    "MentoringSession",
    "ModulePage",
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
    "PASSED_SCREENING",
    "Status",
    "SubmissionFile",
]
