"""Lesson quizzes: read the quiz of a (published) lesson, check posted answers, grade them.

Answers arrive as ``answer-<question id>`` fields holding choice numbers (0-based). Anything that does not fit
the published quiz (an unknown question, a choice out of range, a missing answer, several answers to a
one-answer question) is refused with a message per question; nothing is graded or stored then.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from adimarko.core.numbers import floor_percent

FIELD_PREFIX = "answer-"


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    choices: tuple[str, ...]
    correct: frozenset[int]
    explanation: str

    @property
    def multiple(self) -> bool:
        return len(self.correct) > 1

    @property
    def field_name(self) -> str:
        return f"{FIELD_PREFIX}{self.id}"


@dataclass(frozen=True)
class Quiz:
    block_id: str
    title: str
    pass_mark: int
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True)
class QuizResult:
    score: int
    passed: bool
    correct: dict[str, bool]
    answers: dict[str, frozenset[int]]


def lesson_quiz(lesson) -> Quiz | None:
    """The quiz block of the lesson's body (a lesson has at most one), or None."""
    for block in lesson.body:
        if block.block_type != "quiz":
            continue
        value = block.value
        questions = []
        for index, item in enumerate(value["questions"].bound_blocks):
            question = item.value
            questions.append(
                Question(
                    id=item.id or f"q{index}",
                    text=question["question"],
                    choices=tuple(choice["text"] for choice in question["choices"]),
                    correct=frozenset(i for i, choice in enumerate(question["choices"]) if choice["correct"]),
                    explanation=question["explanation"] or "",
                )
            )
        return Quiz(
            block_id=block.id, title=value["title"], pass_mark=value["pass_mark"], questions=tuple(questions)
        )
    return None


def answers_from_post(data) -> dict[str, list[str]]:
    """The raw answers of a POST (a QueryDict or a dict of lists), keyed by question id."""
    getlist = data.getlist if hasattr(data, "getlist") else (lambda key: list(data.get(key) or []))
    return {key.removeprefix(FIELD_PREFIX): getlist(key) for key in data if key.startswith(FIELD_PREFIX)}


def clean_answers(quiz: Quiz, raw: dict[str, list[str]]) -> dict[str, frozenset[int]]:
    """Check raw answers against the quiz; raise ValidationError (per question id, plus "__all__")."""
    errors: dict[str, list[str]] = {}
    unknown = [question_id for question_id in raw if quiz.question(question_id) is None]
    if unknown:
        errors["__all__"] = [
            _("The answers do not match this quiz (it may have changed). Reload the page and answer again.")
        ]
    cleaned = {}
    for question in quiz.questions:
        values = [value for value in raw.get(question.id, []) if value != ""]
        if not values:
            errors[question.id] = [_("Choose an answer.")]
            continue
        try:
            chosen = frozenset(int(value) for value in values)
        except (TypeError, ValueError):
            errors[question.id] = [_("This answer is not one of the choices.")]
            continue
        if any(choice < 0 or choice >= len(question.choices) for choice in chosen):
            errors[question.id] = [_("This answer is not one of the choices.")]
        elif len(values) != len(chosen):
            errors[question.id] = [_("Each choice can be chosen only once.")]
        elif not question.multiple and len(chosen) > 1:
            errors[question.id] = [_("Choose only one answer.")]
        else:
            cleaned[question.id] = chosen
    if errors:
        raise ValidationError(errors)
    return cleaned


def grade(quiz: Quiz, answers: dict[str, frozenset[int]]) -> QuizResult:
    correct = {question.id: answers.get(question.id) == question.correct for question in quiz.questions}
    total = len(quiz.questions)
    score = floor_percent(sum(correct.values()), total, when_empty=100)
    return QuizResult(score=score, passed=score >= quiz.pass_mark, correct=correct, answers=answers)


@dataclass(frozen=True)
class ChoiceDisplay:
    number: int
    text: str
    checked: bool
    correct: bool


@dataclass(frozen=True)
class QuestionDisplay:
    question: Question
    choices: tuple[ChoiceDisplay, ...]
    errors: tuple[str, ...]
    answered_correctly: bool | None


def quiz_display(quiz: Quiz, *, raw=None, errors=None, result: QuizResult | None = None) -> dict:
    """What the quiz template shows: each question with the participant's choices (re-shown after an
    error), its errors and, after grading, whether it was right (with the explanation)."""
    raw = raw or {}
    errors = errors or {}
    questions = []
    for question in quiz.questions:
        chosen = set(raw.get(question.id, []))
        questions.append(
            QuestionDisplay(
                question=question,
                choices=tuple(
                    ChoiceDisplay(
                        number=number,
                        text=text,
                        checked=str(number) in chosen,
                        correct=number in question.correct,
                    )
                    for number, text in enumerate(question.choices)
                ),
                errors=tuple(errors.get(question.id, [])),
                answered_correctly=result.correct.get(question.id) if result else None,
            )
        )
    return {
        "quiz": quiz,
        "questions": questions,
        "errors": tuple(errors.get("__all__", [])),
        "result": result,
    }
