"""Every model of the incubation app, from its rooms, so Django registers them (app label `incubation`).

Code inside incubation imports from its room (`incubation.audition.models`, `incubation.cohorts.models` …);
other apps may import from here.
"""

from incubation.audition.models import (
    PASSED_SCREENING,
    Application,
    ApplicationDocument,
    ApplicationEvent,
    DataDeletionRequest,
    DecisionBatch,
    DecisionReason,
    DecisionTemplate,
    DocumentKind,
    IneligibleReason,
    JuryAssignment,
    ProductCategory,
    RequiredDocument,
    Review,
    RoundCategory,
    RoundPage,
    RubricCriterion,
    SalesChannel,
    Score,
    Status,
)
from incubation.classroom.models import (
    CourseApprovalTask,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    LessonProgress,
    ModulePage,
)
from incubation.coaching.models import AssignmentSubmission, Attendance, MentoringSession, SubmissionFile
from incubation.cohorts.models import Cohort, Enrollment
from incubation.graduation.models import Certificate, EnrollmentEvent

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
