"""Figures per unit subtree, and which of them may be shown without revealing a small group.

A unit's figure covers its whole subtree. Shown side by side (a unit beside its child units, the
province beside a unit, one unit filter beside another), two such figures could be subtracted:
the province minus its units, or a unit minus its shown children, leaves the people working
directly in the parent. So a figure is shown only when what it adds to the figures already shown
below it — its "carry" — is none at all or rests on at least the threshold of people
(complementary suppression, bottom-up):

    carry(U) = people directly in U + carry of every child that is *not* shown
    U is shown  ⇔  carry(U) = 0 < people in U's subtree,  or  carry(U) ≥ threshold

When 0 < carry(U) < threshold and a shown unit below U has its own carry at the threshold (reached
through units that are withheld or add nobody), the smallest such unit is withheld instead —
with the units between that add nobody — and its carry joins U's, so the larger figure (an OPD,
the province) is the one shown. Every shown figure is then a sum of disjoint carry regions of at least
the threshold each, so no difference of shown figures — from any page, unit filter or role —
isolates fewer people. The decision is global (the whole tree), so every user and every unit
filter sees the same cells.
"""

from collections import defaultdict

PROVINCE = None  # the tree's virtual root: the province figure


def _post_order(children: dict) -> list:
    order, stack = [], [PROVINCE]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(children.get(node, ()))
    return list(reversed(order))


def _donors(node, children, shown, carry, threshold, chain):
    """(carry, tie-break, unit, units above it that add nobody) for every shown unit below `node`
    whose carry reaches the threshold and whose carry would reach `node` once withheld."""
    for child in children.get(node, ()):
        if child in shown and carry[child] >= threshold:
            yield carry[child], str(child), child, chain
        elif child in shown and carry[child] == 0:
            yield from _donors(child, children, shown, carry, threshold, (*chain, child))
        elif child not in shown:
            yield from _donors(child, children, shown, carry, threshold, chain)


def shown_cells(parents: dict[int, int | None], direct: dict, threshold: int) -> set:
    """The units (and PROVINCE) whose subtree figure may be shown.

    parents: unit id -> parent unit id (None for top-level units), for the whole tree.
    direct: unit id -> people counted in the figure who work directly in that unit.
    """
    children: dict = defaultdict(list)
    for unit, parent in parents.items():
        children[parent].append(unit)
    shown, carry, people = set(), {}, {}
    for node in _post_order(children):
        below = children.get(node, ())
        people[node] = direct.get(node, 0) + sum(people[c] for c in below)
        carry[node] = direct.get(node, 0) + sum(carry[c] for c in below if c not in shown)
        if 0 < carry[node] < threshold:
            donors = list(_donors(node, children, shown, carry, threshold, ()))
            if donors:
                _, _, donor, chain = min(donors, key=lambda d: d[:2])
                shown.difference_update((donor, *chain))
                carry[node] += carry[donor]
        if carry[node] >= threshold or (carry[node] == 0 and people[node] > 0):
            shown.add(node)
    return shown


def subtree_totals(parents: dict[int, int | None], direct: dict) -> dict:
    """unit id (and PROVINCE) -> the sum of `direct` values over its subtree.

    `direct` values are numbers or tuples of numbers (added element-wise)."""
    children: dict = defaultdict(list)
    for unit, parent in parents.items():
        children[parent].append(unit)
    totals: dict = {}
    for node in _post_order(children):
        values = [direct[node]] if node in direct else []
        values += [totals[c] for c in children.get(node, ()) if c in totals]
        if values:
            totals[node] = (
                tuple(map(sum, zip(*values, strict=True)))
                if isinstance(values[0], tuple)
                else sum(values)
            )
    return totals
