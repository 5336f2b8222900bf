"""Product of array except self: answer[i] is the product of every entry but nums[i]."""


# --8<-- [start:optimal]
def product_except_self(nums: list[int]) -> list[int]:
    """No division, O(n) time, O(1) space besides the answer.

    Pass 1 leaves answer[i] = product of nums[:i] (everything to the left).
    Pass 2 multiplies in a running product of nums[i + 1:] (everything to the right).
    """
    answer = [1] * len(nums)
    left = 1
    for i, value in enumerate(nums):
        answer[i] = left
        left *= value
    right = 1
    for i in range(len(nums) - 1, -1, -1):
        answer[i] *= right
        right *= nums[i]
    return answer


# --8<-- [end:optimal]


# --8<-- [start:brute]
def product_except_self_brute_force(nums: list[int]) -> list[int]:
    """Multiply everything else, for every index. O(n^2) time."""
    answer = []
    for i in range(len(nums)):
        product = 1
        for j, value in enumerate(nums):
            if j != i:
                product *= value
        answer.append(product)
    return answer


# --8<-- [end:brute]


# --8<-- [start:division]
def product_except_self_by_division(nums: list[int]) -> list[int]:
    """BUGGY: total // nums[i] divides by zero as soon as the input holds a 0."""
    total = 1
    for value in nums:
        total *= value
    return [total // value for value in nums]


# --8<-- [end:division]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(product_except_self([2, 3, 4, 5]))
    #> [60, 40, 30, 24]
    print(product_except_self([2, 0, 4]))
    #> [0, 8, 0]
    try:
        product_except_self_by_division([2, 0, 4])
    except ZeroDivisionError as error:
        print(f"ZeroDivisionError: {error}")
        #> ZeroDivisionError: integer division or modulo by zero
    # --8<-- [end:demo]
