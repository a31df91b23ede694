"""Seams: where a lower floor tells the floors above that something happened, without importing them.

The floors (docs/architecture.md) only import downwards. When a lower floor must set off work on an upper
one (a buyer logged in → shop.orders merges the anonymous cart; a product changed → search re-indexes it),
the lower floor owns a `Seam` and calls `notify(...)`; the upper floor subscribes in its AppConfig.ready().
Every seam and its subscribers are listed in docs/architecture.md.

Unlike a Django signal, a seam has one owner, one documented set of keyword arguments and no senders:
subscribers run at once, in the order they subscribed, inside the caller's transaction, and their exceptions
reach the caller, exactly as a direct call would. A subscriber whose work must wait for the commit schedules
it itself with `transaction.on_commit` (as search's indexing does).
"""

from collections.abc import Callable


class Seam:
    def __init__(self, name: str, *, arguments: tuple[str, ...]):
        self.name = name
        self.arguments = arguments
        self._subscribers: list[Callable[..., object]] = []

    def __repr__(self) -> str:
        return f"<Seam {self.name}({', '.join(self.arguments)})>"

    def subscribe(self, subscriber: Callable[..., object]) -> None:
        """Called from an upper floor's AppConfig.ready(); subscribing twice is a no-op."""
        if subscriber not in self._subscribers:
            self._subscribers.append(subscriber)

    def unsubscribe(self, subscriber: Callable[..., object]) -> None:
        """For tests that listen for a while; unknown subscribers are ignored."""
        if subscriber in self._subscribers:
            self._subscribers.remove(subscriber)

    @property
    def subscribers(self) -> tuple[Callable[..., object], ...]:
        return tuple(self._subscribers)

    def notify(self, **arguments) -> None:
        if set(arguments) != set(self.arguments):
            raise TypeError(f"{self!r} was notified with {sorted(arguments)}")
        for subscriber in self._subscribers:
            subscriber(**arguments)


# A person logged in through the site's login form (`request.user` is set, the session key cycled).
# Subscriber: shop.orders (the anonymous cart joins the buyer's cart).
logged_in = Seam("adimarko.core.logged_in", arguments=("request",))
