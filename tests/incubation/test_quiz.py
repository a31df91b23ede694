"""Quiz grading on the server: tampered answers are refused with clear messages and nothing is lost."""

import pytest
from django.core.exceptions import ValidationError

from incubation.classroom.quiz import clean_answers, grade, lesson_quiz
from incubation.classroom.services import lesson_complete, quiz_submit
from incubation.models import LessonProgress
from tests.incubation import cohort_factories as cf
from tests.incubation import course_factories as f
from tests.incubation.course_factories import QUESTION_1, QUESTION_2

pytestmark = pytest.mark.django_db

RIGHT = {QUESTION_1: ["1"], QUESTION_2: ["0", "2"]}


@pytest.fixture
def setup():
    cohort = cf.cohort(participants=2)
    course = f.course_with_quiz(cohort=cohort, pass_mark=100)
    return cohort, f.lesson(course, "Cahaya alami")


def test_the_quiz_is_read_from_the_lesson_with_its_question_ids(setup):
    _cohort, lesson = setup
    quiz = lesson_quiz(lesson)
    assert quiz.pass_mark == 100
    assert [q.id for q in quiz.questions] == [QUESTION_1, QUESTION_2]
    assert quiz.questions[0].correct == frozenset({1}) and not quiz.questions[0].multiple
    assert quiz.questions[1].correct == frozenset({0, 2}) and quiz.questions[1].multiple


@pytest.mark.parametrize(
    "answers, expected_score",
    [(RIGHT, 100), ({QUESTION_1: ["1"], QUESTION_2: ["0"]}, 50), ({QUESTION_1: ["0"], QUESTION_2: ["1"]}, 0)],
)
def test_grading_needs_exactly_the_correct_choices(setup, answers, expected_score):
    quiz = lesson_quiz(setup[1])
    result = grade(quiz, clean_answers(quiz, answers))
    assert result.score == expected_score
    assert result.passed is (expected_score == 100)


@pytest.mark.parametrize(
    "answers, field, message",
    [
        ({**RIGHT, "ffffffff-0000-4000-8000-000000000000": ["0"]}, "__all__", "tidak sesuai dengan kuis ini"),
        ({QUESTION_1: ["7"], QUESTION_2: ["0"]}, QUESTION_1, "bukan salah satu pilihan"),
        ({QUESTION_1: ["-1"], QUESTION_2: ["0"]}, QUESTION_1, "bukan salah satu pilihan"),
        ({QUESTION_1: ["satu"], QUESTION_2: ["0"]}, QUESTION_1, "bukan salah satu pilihan"),
        ({QUESTION_2: ["0"]}, QUESTION_1, "Pilih jawaban"),
        ({QUESTION_1: ["0", "1"], QUESTION_2: ["0"]}, QUESTION_1, "Pilih satu jawaban saja"),
        ({QUESTION_1: ["1"], QUESTION_2: ["0", "0"]}, QUESTION_2, "hanya dapat dipilih sekali"),
    ],
)
def test_tampered_answers_are_refused_and_nothing_is_lost(setup, answers, field, message):
    cohort, lesson = setup
    user = f.participant(cohort)
    quiz_submit(lesson=lesson, user=user, answers={QUESTION_1: ["1"], QUESTION_2: ["0"]})  # 50%
    before = LessonProgress.objects.get(lesson=lesson)
    with pytest.raises(ValidationError) as error:
        quiz_submit(lesson=lesson, user=user, answers=answers)
    assert message in " ".join(error.value.message_dict[field])
    after = LessonProgress.objects.get(lesson=lesson)
    assert (after.quiz_score, after.completed_at, after.last_viewed_at) == (
        before.quiz_score,
        before.completed_at,
        before.last_viewed_at,
    )
    assert after.quiz_score == 50


def test_passing_the_quiz_completes_the_lesson_and_keeps_the_best_score(setup):
    cohort, lesson = setup
    user = f.participant(cohort)
    with pytest.raises(ValidationError, match="Lulus kuis"):
        lesson_complete(lesson=lesson, user=user)
    assert (
        quiz_submit(lesson=lesson, user=user, answers={QUESTION_1: ["1"], QUESTION_2: ["1"]}).passed is False
    )
    progress = LessonProgress.objects.get(lesson=lesson)
    assert progress.quiz_score == 50 and progress.completed_at is None
    result = quiz_submit(lesson=lesson, user=user, answers=RIGHT)
    assert result.passed and result.score == 100
    progress.refresh_from_db()
    assert progress.quiz_score == 100 and progress.completed_by == user and progress.completed_at is not None
    quiz_submit(lesson=lesson, user=user, answers={QUESTION_1: ["0"], QUESTION_2: ["1"]})  # a worse retry
    progress.refresh_from_db()
    assert progress.quiz_score == 100 and progress.completed_at is not None


def test_grading_uses_the_published_quiz_not_a_draft(setup):
    cohort, lesson = setup
    body = lesson.body.raw_data
    body[-1]["value"]["questions"][0]["value"]["choices"][0]["value"]["correct"] = True  # draft: 0 also right
    lesson.body = body
    lesson.save_revision()  # not published
    user = f.participant(cohort)
    result = quiz_submit(lesson=lesson, user=user, answers=RIGHT)
    assert result.score == 100
