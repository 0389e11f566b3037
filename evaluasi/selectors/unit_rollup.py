"""Figures per unit subtree, and which of them may be shown without revealing a small group.

A unit's figure covers its whole subtree. Shown side by side (a unit beside its child units, the
province beside a unit, one unit filter beside another), two such figures could be subtracted:
the province minus its units, or a unit minus its shown children, leaves the people working
directly in the parent. So a figure is shown only when what it adds to the figures already shown
below it rests on at least the threshold of people (complementary suppression, bottom-up):

    carry(U) = people directly in U + carry of every child that is *not* shown
    U is shown  ⇔  carry(U) ≥ threshold

Every shown figure is then a sum of disjoint "carry" regions of at least the threshold each, so no
difference of shown figures — from any page, unit filter or role — isolates fewer people. The
decision is global (the whole tree), so every user and every unit filter sees the same cells.
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


def shown_cells(parents: dict[int, int | None], direct: dict, threshold: int) -> set:
    """The units (and PROVINCE) whose subtree figure may be shown.

    parents: unit id -> parent unit id (None for top-level units), for the whole tree.
    direct: unit id -> people counted in the figure who work directly in that unit.
    """
    children: dict = defaultdict(list)
    for unit, parent in parents.items():
        children[parent].append(unit)
    shown, carry = set(), {}
    for node in _post_order(children):
        carry[node] = direct.get(node, 0) + sum(
            carry[child] for child in children.get(node, ()) if child not in shown
        )
        if carry[node] >= threshold:
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
