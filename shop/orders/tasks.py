"""Background work for the task worker (django-tasks): schedule it every few minutes."""

from django_tasks import task

from shop.orders.services import reservations_expire


@task()
def expire_reservations() -> int:
    return reservations_expire()
