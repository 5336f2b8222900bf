# %% [markdown]
# # Estimation placeholder

# %%
print(1 + 1)
