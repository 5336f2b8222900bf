// Two sum: the indices of two different entries that add up to a target.
package main

import "fmt"

// --8<-- [start:optimal]
// twoSum returns indices i < j with nums[i]+nums[j] == target, and false when
// there are none. O(n) time and space. Looking up before storing means
// nums[j] never pairs with itself.
func twoSum(nums []int, target int) ([2]int, bool) {
	firstIndex := make(map[int]int, len(nums))
	for j, value := range nums {
		if i, ok := firstIndex[target-value]; ok {
			return [2]int{i, j}, true
		}
		if _, seen := firstIndex[value]; !seen {
			firstIndex[value] = j // keep the first index of a repeated value
		}
	}
	return [2]int{}, false
}

// --8<-- [end:optimal]

func main() {
	// --8<-- [start:demo]
	fmt.Println(twoSum([]int{2, 7, 11, 15}, 9))
	//> [0 1] true
	fmt.Println(twoSum([]int{3, 5}, 6))
	//> [0 0] false
	// --8<-- [end:demo]
}
