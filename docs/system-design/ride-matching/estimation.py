# %% [markdown]
# # Ride matching (Uber, Swiggy): the estimate
#
# Being written (issue 12).

# %%
print(1 + 1)
